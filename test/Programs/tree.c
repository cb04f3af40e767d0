// Pointer-heavy data structures: an AVL tree with inserts and deletes (its
// depth is logarithmic, so recursion is bounded), an in-order walk with an
// explicit stack, and a doubly linked list that is reversed and spliced.
// RUN: %native-cc %s -lm -o %t.native
// RUN: %c-component %s %t.wasm
// RUN: %wacc %t.wasm -o %t.x86_64
// RUN: %diff-run -- %t.native -- %t.x86_64
// RUN: %wacc --target=aarch64-linux-gnu %t.wasm -o %t.aarch64
// RUN: %if qemu-aarch64 %{ %diff-run -- %t.native -- %run-aarch64 %t.aarch64 %}
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

struct node { int32_t key; int height; struct node *left, *right; };

static int height(const struct node *n) { return n ? n->height : 0; }
static int max(int a, int b) { return a > b ? a : b; }
static void update(struct node *n) { n->height = 1 + max(height(n->left), height(n->right)); }
static struct node *rotate_right(struct node *y) {
  struct node *x = y->left;
  y->left = x->right;
  x->right = y;
  update(y);
  update(x);
  return x;
}
static struct node *rotate_left(struct node *x) {
  struct node *y = x->right;
  x->right = y->left;
  y->left = x;
  update(x);
  update(y);
  return y;
}
static struct node *balance(struct node *n) {
  update(n);
  int b = height(n->left) - height(n->right);
  if (b > 1) {
    if (height(n->left->left) < height(n->left->right)) n->left = rotate_left(n->left);
    return rotate_right(n);
  }
  if (b < -1) {
    if (height(n->right->right) < height(n->right->left)) n->right = rotate_right(n->right);
    return rotate_left(n);
  }
  return n;
}
static struct node *insert(struct node *n, int32_t key) {
  if (!n) {
    n = calloc(1, sizeof *n);
    n->key = key;
    n->height = 1;
    return n;
  }
  if (key < n->key) n->left = insert(n->left, key);
  else if (key > n->key) n->right = insert(n->right, key);
  return balance(n);
}
static struct node *remove_min(struct node *n, struct node **min) {
  if (!n->left) { *min = n; return n->right; }
  n->left = remove_min(n->left, min);
  return balance(n);
}
static struct node *erase(struct node *n, int32_t key) {
  if (!n) return NULL;
  if (key < n->key) n->left = erase(n->left, key);
  else if (key > n->key) n->right = erase(n->right, key);
  else {
    struct node *l = n->left, *r = n->right, *min;
    free(n);
    if (!r) return l;
    r = remove_min(r, &min);
    min->left = l;
    min->right = r;
    return balance(min);
  }
  return balance(n);
}

struct item { int value; struct item *prev, *next; };

int main(void) {
  struct node *root = NULL;
  uint32_t x = 12345;
  for (int i = 0; i < 50000; ++i) {
    x = x * 1664525u + 1013904223u;
    root = insert(root, (int32_t)(x % 100000));
  }
  printf("after inserts: height %d\n", height(root));
  for (int32_t k = 0; k < 100000; k += 2) root = erase(root, k);
  printf("after erasing evens: height %d\n", height(root));
  struct node *stack[64];
  int sp = 0, count = 0, ordered = 1;
  int64_t sum = 0;
  int32_t previous = -1;
  for (struct node *n = root; n || sp;) {
    while (n) { stack[sp++] = n; n = n->left; }
    n = stack[--sp];
    ordered &= n->key > previous && n->key % 2 == 1;
    previous = n->key;
    sum += n->key;
    ++count;
    n = n->right;
  }
  printf("in order: %d keys, ordered and odd %d, sum %lld\n", count, ordered, (long long)sum);

  struct item *head = NULL, *tail = NULL;
  for (int i = 1; i <= 10; ++i) {
    struct item *it = calloc(1, sizeof *it);
    it->value = i * i;
    it->prev = tail;
    if (tail) tail->next = it; else head = it;
    tail = it;
  }
  for (struct item *it = head; it; it = it->prev) {  // reverse in place
    struct item *t = it->next; it->next = it->prev; it->prev = t;
    if (!it->prev) { tail = head; head = it; }
  }
  printf("reversed:");
  for (struct item *it = head; it; it = it->next) printf(" %d", it->value);
  // Move the first three to the end.
  for (int i = 0; i < 3; ++i) {
    struct item *first = head;
    head = first->next;
    head->prev = NULL;
    first->prev = tail;
    first->next = NULL;
    tail->next = first;
    tail = first;
  }
  printf("\nrotated:");
  for (struct item *it = head; it; it = it->next) printf(" %d", it->value);
  printf("\nbackwards:");
  for (struct item *it = tail; it; it = it->prev) printf(" %d", it->value);
  printf("\n");
  return 0;
}
