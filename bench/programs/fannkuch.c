// fannkuch-redux: permutations of a small int array generated in place and
// "pancake-flipped" until the first element is 0 -- short loops over a few
// words of memory, data-dependent trip counts and branches.
#include <stdio.h>

#define N 10
#define REPEAT 3

static int Fannkuch(int n, int* checksumOut) {
  int perm[16], perm1[16], count[16];
  int maxFlips = 0, checksum = 0, permCount = 0, r = n;
  for (int i = 0; i < n; i++) perm1[i] = i;
  for (;;) {
    while (r != 1) {
      count[r - 1] = r;
      r--;
    }
    for (int i = 0; i < n; i++) perm[i] = perm1[i];
    int flips = 0, k;
    while ((k = perm[0]) != 0) {
      for (int i = 0, j = k; i < j; i++, j--) {
        int t = perm[i];
        perm[i] = perm[j];
        perm[j] = t;
      }
      flips++;
    }
    if (flips > maxFlips) maxFlips = flips;
    checksum += permCount % 2 == 0 ? flips : -flips;
    for (;;) {
      if (r == n) {
        *checksumOut = checksum;
        return maxFlips;
      }
      int p0 = perm1[0];
      for (int i = 0; i < r; i++) perm1[i] = perm1[i + 1];
      perm1[r] = p0;
      if (--count[r] > 0) break;
      r++;
    }
    permCount++;
  }
}

int main(void) {
  // volatile: the size is known only at run time, as in the original.
  volatile int n = N;
  for (int rep = 0; rep < REPEAT; rep++) {
    int checksum, flips = Fannkuch(n, &checksum);
    printf("%d\nPfannkuchen(%d) = %d\n", checksum, n, flips);
  }
  return 0;
}
