// Pointer chasing with malloc/free: the binary-trees benchmark (many short-
// lived trees allocated node by node and freed), then a walk of a linked list
// whose nodes were linked in a shuffled order.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define MAX_DEPTH 17
#define LIST_NODES 200000
#define LIST_WALKS 12

struct tree {
  struct tree *left, *right;
};

static struct tree *make_tree(int depth) {
  struct tree *t = malloc(sizeof *t);
  if (!t) abort();
  if (depth > 0) {
    t->left = make_tree(depth - 1);
    t->right = make_tree(depth - 1);
  } else {
    t->left = t->right = NULL;
  }
  return t;
}

static long long check_tree(const struct tree *t) {
  return 1 + (t->left ? check_tree(t->left) + check_tree(t->right) : 0);
}

static void free_tree(struct tree *t) {
  if (t->left) {
    free_tree(t->left);
    free_tree(t->right);
  }
  free(t);
}

struct node {
  struct node *next;
  uint32_t value;
};

static long long walk_shuffled_list(void) {
  struct node **nodes = malloc(LIST_NODES * sizeof *nodes);
  if (!nodes) abort();
  for (uint32_t i = 0; i < LIST_NODES; i++) {
    nodes[i] = malloc(sizeof(struct node));
    if (!nodes[i]) abort();
    nodes[i]->value = i * 7919u;
  }
  uint32_t seed = 12345;
  for (uint32_t i = LIST_NODES - 1; i > 0; i--) {
    seed = seed * 1103515245u + 12345u;
    uint32_t j = (seed >> 8) % (i + 1);
    struct node *t = nodes[i];
    nodes[i] = nodes[j];
    nodes[j] = t;
  }
  for (uint32_t i = 0; i + 1 < LIST_NODES; i++) nodes[i]->next = nodes[i + 1];
  nodes[LIST_NODES - 1]->next = NULL;
  long long sum = 0;
  for (int walk = 0; walk < LIST_WALKS; walk++)
    for (struct node *n = nodes[0]; n; n = n->next) sum += n->value ^ walk;
  for (uint32_t i = 0; i < LIST_NODES; i++) free(nodes[i]);
  free(nodes);
  return sum;
}

int main(void) {
  struct tree *long_lived = make_tree(MAX_DEPTH);
  long long total = 0;
  for (int depth = 4; depth <= MAX_DEPTH; depth += 2) {
    int iterations = 1 << (MAX_DEPTH - depth + 4);
    long long check = 0;
    for (int i = 0; i < iterations; i++) {
      struct tree *t = make_tree(depth);
      check += check_tree(t);
      free_tree(t);
    }
    printf("%d trees of depth %d check %lld\n", iterations, depth, check);
    total += check;
  }
  printf("long lived check %lld total %lld\n", check_tree(long_lived), total);
  free_tree(long_lived);
  printf("list %lld\n", walk_shuffled_list());
  return 0;
}
