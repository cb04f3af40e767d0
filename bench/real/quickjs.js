// The JavaScript workload bench/real/quickjs.c runs in QuickJS: a mix in the
// spirit of the classic engine benchmarks (a task scheduler passing packets,
// a ray tracer, an event queue of closures), plus arrays, string building,
// JSON and integer/float loops. Written for this bench. Every part prints a
// checksum; only +, -, *, / and Math.sqrt touch floats (no libm function
// whose last bit could differ between glibc and wasi-libc), and randomness is
// an LCG of our own, so native and wacc must print the same lines.
"use strict";

let seed = 12345;
function rand() {
  seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff;
  return seed >>> 8;  // the low bits of an LCG repeat with short periods
}

// ---- 1. A scheduler of tasks passing packets (objects, methods, lists).
class Packet {
  constructor(next, owner, kind) {
    this.next = next;
    this.owner = owner;
    this.kind = kind;
    this.count = 0;
    this.data = [0, 0, 0, 0];
  }
  append(queue) {
    this.next = null;
    if (queue === null) return this;
    let p = queue;
    while (p.next !== null) p = p.next;
    p.next = this;
    return queue;
  }
}

class Task {
  constructor(sched, id, priority, queue) {
    this.sched = sched;
    this.id = id;
    this.priority = priority;
    this.queue = queue;
    this.waiting = queue === null;
    this.held = false;
    this.link = null;
  }
  runnable() { return !this.held && (this.queue !== null || !this.waiting); }
  take() {
    const p = this.queue;
    if (p === null) return null;
    this.queue = p.next;
    return p;
  }
}

class IdleTask extends Task {
  constructor(sched, id, count) {
    super(sched, id, 0, null);
    this.waiting = false;
    this.value = 1;
    this.count = count;
  }
  step(packet) {
    if (--this.count === 0) return this.sched.stop();
    if ((this.value & 1) === 0) {
      this.value >>= 1;
      return this.sched.release(4);
    }
    this.value = (this.value >> 1) ^ 0xd008;
    return this.sched.release(5);
  }
}

class WorkerTask extends Task {
  constructor(sched, id, queue) {
    super(sched, id, 1000, queue);
    this.dest = 2;
    this.letter = 0;
  }
  step(packet) {
    if (packet === null) return this.sched.wait();
    this.dest = this.dest === 2 ? 3 : 2;
    packet.owner = this.dest;
    packet.count = 0;
    for (let i = 0; i < 4; i++) {
      this.letter = (this.letter + 1) % 26;
      packet.data[i] = this.letter;
    }
    return this.sched.send(packet, this.dest);
  }
}

class HandlerTask extends Task {
  constructor(sched, id, queue) {
    super(sched, id, 2000 + id, queue);
    this.work = null;
    this.devices = null;
  }
  step(packet) {
    if (packet !== null) {
      if (packet.kind === 1) this.work = packet.append(this.work);
      else this.devices = packet.append(this.devices);
    }
    if (this.work !== null) {
      const w = this.work;
      if (w.count < 4) {
        if (this.devices !== null) {
          const d = this.devices;
          this.devices = d.next;
          d.count = w.data[w.count++];
          return this.sched.send(d, this.id + 2);
        }
      } else {
        this.work = w.next;
        return this.sched.send(w, 1);
      }
    }
    return this.sched.wait();
  }
}

class DeviceTask extends Task {
  constructor(sched, id) {
    super(sched, id, 4000 + id, null);
    this.pending = null;
  }
  step(packet) {
    if (packet === null) {
      if (this.pending === null) return this.sched.wait();
      const p = this.pending;
      this.pending = null;
      return this.sched.send(p, this.id - 2);
    }
    this.pending = packet;
    this.sched.checksum = (this.sched.checksum * 31 + packet.count) % 1000003;
    return this.sched.hold();
  }
}

class Scheduler {
  constructor() {
    this.tasks = [];
    this.list = null;
    this.current = null;
    this.sends = 0;
    this.holds = 0;
    this.checksum = 0;
    this.running = true;
  }
  add(task) {
    this.tasks[task.id] = task;
    // Highest priority first.
    if (this.list === null || task.priority > this.list.priority) {
      task.link = this.list;
      this.list = task;
      return;
    }
    let t = this.list;
    while (t.link !== null && t.link.priority >= task.priority) t = t.link;
    task.link = t.link;
    t.link = task;
  }
  run() {
    let t = this.list;
    while (t !== null && this.running) {
      if (t.runnable()) {
        this.current = t;
        t = t.step(t.take());
      } else {
        t = t.link;
      }
    }
  }
  stop() { this.running = false; return null; }
  wait() { this.current.waiting = true; return this.current; }
  hold() { this.holds++; this.current.held = true; return this.current.link; }
  release(id) {
    const t = this.tasks[id];
    t.held = false;
    return t.priority > this.current.priority ? t : this.current;
  }
  send(packet, id) {
    const t = this.tasks[id];
    this.sends++;
    packet.next = null;
    packet.owner = this.current.id;
    const wasEmpty = t.queue === null;
    t.queue = packet.append(t.queue);
    if (wasEmpty) t.waiting = false;
    return t.priority > this.current.priority ? t : this.current;
  }
}

function scheduler(rounds) {
  let sends = 0, holds = 0, sum = 0;
  for (let r = 0; r < rounds; r++) {
    const s = new Scheduler();
    s.add(new IdleTask(s, 0, 3000));
    let q = new Packet(null, 1, 1);
    q = new Packet(q, 1, 1);
    s.add(new WorkerTask(s, 1, q));
    for (const id of [2, 3]) {
      let d = new Packet(null, id + 2, 2);
      d = new Packet(d, id + 2, 2);
      d = new Packet(d, id + 2, 2);
      s.add(new HandlerTask(s, id, d));
    }
    s.add(new DeviceTask(s, 4));
    s.add(new DeviceTask(s, 5));
    s.run();
    sends += s.sends;
    holds += s.holds;
    sum = (sum + s.checksum) % 1000003;
  }
  print("scheduler", sends, holds, sum);
}

// ---- 2. A ray tracer (small objects, float arithmetic, dynamic dispatch).
class Vec {
  constructor(x, y, z) { this.x = x; this.y = y; this.z = z; }
  add(o) { return new Vec(this.x + o.x, this.y + o.y, this.z + o.z); }
  sub(o) { return new Vec(this.x - o.x, this.y - o.y, this.z - o.z); }
  scale(k) { return new Vec(this.x * k, this.y * k, this.z * k); }
  mul(o) { return new Vec(this.x * o.x, this.y * o.y, this.z * o.z); }
  dot(o) { return this.x * o.x + this.y * o.y + this.z * o.z; }
  norm() { return this.scale(1 / Math.sqrt(this.dot(this))); }
}

class Sphere {
  constructor(center, radius, color, shine) {
    this.center = center;
    this.r2 = radius * radius;
    this.color = color;
    this.shine = shine;
  }
  hit(origin, dir) {
    const oc = this.center.sub(origin);
    const b = oc.dot(dir);
    const disc = b * b - oc.dot(oc) + this.r2;
    if (disc < 0) return -1;
    const s = Math.sqrt(disc);
    if (b - s > 1e-6) return b - s;
    if (b + s > 1e-6) return b + s;
    return -1;
  }
  normal(p) { return p.sub(this.center).norm(); }
  colorAt(p) { return this.color; }
}

class Plane {
  constructor(normal, offset, shine) {
    this.n = normal;
    this.offset = offset;
    this.shine = shine;
  }
  hit(origin, dir) {
    const d = this.n.dot(dir);
    if (d > -1e-9 && d < 1e-9) return -1;
    const t = -(this.n.dot(origin) + this.offset) / d;
    return t > 1e-6 ? t : -1;
  }
  normal(p) { return this.n; }
  colorAt(p) {
    const check = (Math.floor(p.x) + Math.floor(p.z)) & 1;
    return check ? new Vec(0.9, 0.9, 0.9) : new Vec(0.2, 0.2, 0.3);
  }
}

function trace(scene, origin, dir, depth) {
  let best = -1, obj = null;
  for (const o of scene.objects) {
    const t = o.hit(origin, dir);
    if (t > 0 && (best < 0 || t < best)) { best = t; obj = o; }
  }
  if (obj === null) return new Vec(0.1, 0.15, 0.3);
  const p = origin.add(dir.scale(best));
  const n = obj.normal(p);
  const base = obj.colorAt(p);
  let color = base.scale(0.1);
  for (const light of scene.lights) {
    const toLight = light.pos.sub(p);
    const dist2 = toLight.dot(toLight);
    const l = toLight.norm();
    const lambert = n.dot(l);
    if (lambert <= 0) continue;
    let shadowed = false;
    for (const o of scene.objects) {
      const t = o.hit(p, l);
      if (t > 0 && t * t < dist2) { shadowed = true; break; }
    }
    if (!shadowed) color = color.add(base.mul(light.color).scale(lambert));
  }
  if (depth > 0 && obj.shine > 0) {
    const r = dir.sub(n.scale(2 * n.dot(dir)));
    color = color.add(trace(scene, p, r, depth - 1).scale(obj.shine));
  }
  return color;
}

function raytrace(width, height) {
  const scene = {
    objects: [
      new Plane(new Vec(0, 1, 0), 1, 0.2),
      new Sphere(new Vec(0, 0, 4), 1, new Vec(0.9, 0.2, 0.2), 0.4),
      new Sphere(new Vec(-1.8, -0.2, 5), 0.8, new Vec(0.2, 0.9, 0.3), 0.2),
      new Sphere(new Vec(1.7, 0.3, 5.5), 1.2, new Vec(0.3, 0.3, 0.9), 0.6),
      new Sphere(new Vec(0.3, -0.6, 2.6), 0.4, new Vec(0.9, 0.9, 0.2), 0),
    ],
    lights: [
      { pos: new Vec(-3, 5, -2), color: new Vec(0.8, 0.8, 0.8) },
      { pos: new Vec(4, 3, 1), color: new Vec(0.5, 0.4, 0.3) },
    ],
  };
  const eye = new Vec(0, 0.5, -1);
  let hash = 0, lit = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const dir = new Vec((x - width / 2) / height, (height / 2 - y) / height, 1).norm();
      const c = trace(scene, eye, dir, 2);
      const r = Math.min(255, Math.floor(c.x * 255));
      const g = Math.min(255, Math.floor(c.y * 255));
      const b = Math.min(255, Math.floor(c.z * 255));
      hash = (Math.imul(hash, 16777619) ^ ((r << 16) | (g << 8) | b)) >>> 0;
      if (r + g + b > 300) lit++;
    }
  }
  print("raytrace", width + "x" + height, lit, hash);
}

// ---- 3. An event queue: a binary heap of closures scheduled by time.
function events(count) {
  // The heap's array never shrinks (a size of its own): popping a QuickJS
  // array reallocates it, which would make this a test of realloc.
  const heap = [];
  let size = 0;
  function push(ev) {
    let i = size++;
    heap[i] = ev;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (heap[parent].time <= heap[i].time) break;
      const t = heap[parent]; heap[parent] = heap[i]; heap[i] = t;
      i = parent;
    }
  }
  function pop() {
    const top = heap[0];
    const last = heap[--size];
    heap[size] = null;
    if (size > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1, r = l + 1;
        let m = i;
        if (l < size && heap[l].time < heap[m].time) m = l;
        if (r < size && heap[r].time < heap[m].time) m = r;
        if (m === i) break;
        const t = heap[m]; heap[m] = heap[i]; heap[i] = t;
        i = m;
      }
    }
    return top;
  }
  const counters = new Map();
  let now = 0, handled = 0, order = 0;
  function makeCustomer(name, patience) {
    let visits = 0;
    return function arrive() {
      visits++;
      counters.set(name, (counters.get(name) || 0) + visits);
      if (visits < patience) push({ time: now + 1 + rand() % 97, seq: order++, run: arrive });
    };
  }
  for (let i = 0; i < count; i++) {
    push({ time: rand() % 1000, seq: order++, run: makeCustomer("c" + (i % 211), 1 + (i % 13)) });
  }
  while (size > 0) {
    const ev = pop();
    now = ev.time;
    ev.run();
    handled++;
  }
  let total = 0;
  for (const [k, v] of counters) total = (total + v * k.length) % 1000000007;
  print("events", handled, now, counters.size, total);
}

// ---- 4. Arrays: sort with a comparator, map/filter/reduce, a sieve, matrices.
function arrays(n) {
  const a = [];
  for (let i = 0; i < n; i++) a.push(rand() % 100000);
  const sorted = a.slice().sort((x, y) => x - y);
  let inversions = 0;
  for (let i = 1; i < sorted.length; i++) if (sorted[i - 1] > sorted[i]) inversions++;
  const evens = a.filter((x) => (x & 1) === 0).map((x) => x >> 1);
  const sum = evens.reduce((acc, x) => (acc + x) % 1000000007, 0);
  const objs = a.slice(0, n >> 2).map((v, i) => ({ key: v % 1000, id: i }));
  objs.sort((p, q) => p.key - q.key || q.id - p.id);
  let objHash = 0;
  for (let i = 0; i < objs.length; i += 7) objHash = (objHash * 31 + objs[i].id) % 1000003;

  const limit = n * 4;
  const sieve = new Array(limit + 1).fill(true);
  sieve[0] = sieve[1] = false;
  for (let i = 2; i * i <= limit; i++) {
    if (sieve[i]) for (let j = i * i; j <= limit; j += i) sieve[j] = false;
  }
  let primes = 0;
  for (let i = 0; i <= limit; i++) if (sieve[i]) primes++;

  const m = 60;
  const A = [], B = [];
  for (let i = 0; i < m; i++) {
    A.push([]); B.push([]);
    for (let j = 0; j < m; j++) {
      A[i].push((rand() % 200 - 100) / 16);
      B[i].push((rand() % 200 - 100) / 16);
    }
  }
  let trace = 0;
  for (let rep = 0; rep < 3; rep++) {
    const C = [];
    for (let i = 0; i < m; i++) {
      const row = new Array(m).fill(0);
      const Ai = A[i];
      for (let k = 0; k < m; k++) {
        const aik = Ai[k], Bk = B[k];
        for (let j = 0; j < m; j++) row[j] += aik * Bk[j];
      }
      C.push(row);
    }
    for (let i = 0; i < m; i++) trace += C[i][i];
  }
  const f = new Float64Array(n);
  for (let i = 0; i < n; i++) f[i] = (a[i] - 50000) / 3;
  let dotp = 0;
  for (let i = 0; i < n; i++) dotp += f[i] * f[n - 1 - i];
  print("arrays", sorted[0], sorted[n >> 1], sorted[n - 1], inversions, sum, objHash, primes, trace, dotp);
}

// ---- 5. Strings: building, splitting, searching, JSON, a regexp.
function strings(n) {
  let s = "";
  for (let i = 0; i < n; i++) s += String.fromCharCode(97 + (rand() % 26));
  const parts = [];
  for (let i = 0; i < n / 8; i++) parts.push(`item${i}:${(i * 7919) % 1000}`);
  const joined = parts.join(",");
  const back = joined.split(",");
  let found = 0;
  for (let i = 0; i < 2000; i++) if (s.indexOf("ab" + String.fromCharCode(97 + (i % 26))) >= 0) found++;
  let codes = 0;
  for (let i = 0; i < s.length; i++) codes = (codes * 33 + s.charCodeAt(i)) % 1000000007;
  const upper = s.slice(0, 5000).toUpperCase();
  const words = new Map();
  for (let i = 0; i + 3 <= s.length; i += 3) {
    const w = s.substring(i, i + 3);
    words.set(w, (words.get(w) || 0) + 1);
  }
  let most = 0, mostWord = "";
  for (const [w, c] of words) if (c > most || (c === most && w < mostWord)) { most = c; mostWord = w; }
  const tree = [];
  for (let i = 0; i < n / 40; i++) {
    tree.push({ id: i, name: "node" + i, tags: ["t" + (i % 5), "u" + (i % 3)], weight: (i % 17) / 4, child: { ok: i % 2 === 0 } });
  }
  const json = JSON.stringify(tree);
  const parsed = JSON.parse(json);
  let weights = 0;
  for (const o of parsed) weights += o.weight + (o.child.ok ? 1 : 0) + o.tags.length;
  const re = /([a-f])([a-z])\2/g;
  const replaced = s.slice(0, 20000).replace(re, (m, x, y) => y.toUpperCase() + x);
  let caps = 0;
  for (let i = 0; i < replaced.length; i++) if (replaced.charCodeAt(i) < 97) caps++;
  print("strings", s.length, back.length, joined.length, found, codes, upper.charCodeAt(77), words.size,
        mostWord, most, json.length, weights, caps);
}

// ---- 6. Integer and float loops.
function numeric(size) {
  let h = 0x811c9dc5;
  for (let i = 0; i < size * 200; i++) {
    h ^= i & 0xff;
    h = Math.imul(h, 16777619);
    h ^= h >>> 13;
  }
  let inside = 0;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const cr = (px / size) * 3 - 2, ci = (py / size) * 2.4 - 1.2;
      let zr = 0, zi = 0, k = 0;
      while (k < 64 && zr * zr + zi * zi < 4) {
        const t = zr * zr - zi * zi + cr;
        zi = 2 * zr * zi + ci;
        zr = t;
        k++;
      }
      if (k === 64) inside++;
    }
  }
  let collatz = 0, longest = 0;
  for (let i = 1; i < size * 40; i++) {
    let x = i, steps = 0;
    while (x !== 1) { x = (x & 1) ? 3 * x + 1 : x / 2; steps++; }
    if (steps > longest) { longest = steps; collatz = i; }
  }
  print("numeric", h >>> 0, inside, collatz, longest);
}

// ---- 7. Closures and recursion: a tree of closures, fib, memoised counting.
function closures(depth) {
  function build(d) {
    if (d === 0) { const v = rand() % 100; return () => v; }
    const left = build(d - 1), right = build(d - 1);
    return d & 1 ? () => left() + right() : () => Math.max(left(), right());
  }
  const root = build(depth);
  let total = 0;
  for (let i = 0; i < 20; i++) total += root();
  function fib(k) { return k < 2 ? k : fib(k - 1) + fib(k - 2); }
  const memo = new Map();
  function paths(x, y) {
    if (x === 0 || y === 0) return 1;
    const key = x * 1000 + y;
    let v = memo.get(key);
    if (v === undefined) { v = (paths(x - 1, y) + paths(x, y - 1)) % 1000000007; memo.set(key, v); }
    return v;
  }
  const counters = [];
  for (let i = 0; i < 100; i++) {
    let c = i;
    counters.push({ inc: () => ++c, get: () => c });
  }
  for (let r = 0; r < 2000; r++) for (const c of counters) c.inc();
  let sum = 0;
  for (const c of counters) sum += c.get();
  print("closures", total, fib(24), paths(120, 120), sum);
}

scheduler(50);
raytrace(160, 120);
events(10000);
arrays(100000);
strings(300000);
numeric(260);
closures(15);
