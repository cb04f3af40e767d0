// The yardstick for bench/run's http section: a minimal native HTTP/1.1
// server in C (epoll, keep-alive, pipelining) that answers every request
// with the bytes test/Http/Inputs/handler.wat's GET / gets from a wacc server.
//
//   clang -O2 native-hello.c -o native-hello
//   ./native-hello PORT [PROCESSES]
//
// PROCESSES (default 1) processes each listen on the port (SO_REUSEPORT),
// as the wacc server does with --processes. Requests are read up to their
// blank line; bodies are not expected (wrk sends GETs).
#define _GNU_SOURCE
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <unistd.h>

static const char kResponse[] =
    "HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\nx-served-by: wacc\r\ncontent-length: 16\r\n\r\nhello from wasm\n";

struct Conn {
  int fd;
  size_t used;
  char in[8192];
};

int main(int argc, char** argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: %s PORT [PROCESSES]\n", argv[0]);
    return 2;
  }
  int port = atoi(argv[1]), processes = argc > 2 ? atoi(argv[2]) : 1;
  for (int i = 1; i < processes; ++i) {
    if (fork() == 0) {
      prctl(PR_SET_PDEATHSIG, SIGTERM);  // ends with the first process
      break;
    }
  }
  int listener = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0), one = 1;
  setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  setsockopt(listener, SOL_SOCKET, SO_REUSEPORT, &one, sizeof one);
  struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(port), .sin_addr.s_addr = htonl(0x7f000001)};
  if (bind(listener, (struct sockaddr*)&a, sizeof a) || listen(listener, 1024)) {
    perror("bind/listen");
    return 1;
  }
  int ep = epoll_create1(0);
  struct epoll_event e = {.events = EPOLLIN, .data.ptr = NULL};
  epoll_ctl(ep, EPOLL_CTL_ADD, listener, &e);
  struct epoll_event events[64];
  for (;;) {
    int n = epoll_wait(ep, events, 64, -1);
    for (int i = 0; i < n; ++i) {
      struct Conn* c = events[i].data.ptr;
      if (!c) {
        int fd;
        while ((fd = accept4(listener, NULL, NULL, SOCK_NONBLOCK)) >= 0) {
          setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
          struct Conn* nc = calloc(1, sizeof *nc);
          nc->fd = fd;
          struct epoll_event ce = {.events = EPOLLIN, .data.ptr = nc};
          epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ce);
        }
        continue;
      }
      int fd = c->fd;
      ssize_t got = read(fd, c->in + c->used, sizeof c->in - c->used);
      if (got <= 0) {
        close(fd);
        free(c);
        continue;
      }
      c->used += (size_t)got;
      char out[4096];
      size_t outUsed = 0, start = 0;
      for (;;) {
        char* end = memmem(c->in + start, c->used - start, "\r\n\r\n", 4);
        if (!end) break;
        start = (size_t)(end - c->in) + 4;
        if (outUsed + sizeof kResponse > sizeof out) {
          write(fd, out, outUsed);
          outUsed = 0;
        }
        memcpy(out + outUsed, kResponse, sizeof kResponse - 1);
        outUsed += sizeof kResponse - 1;
      }
      memmove(c->in, c->in + start, c->used - start);
      c->used -= start;
      if (outUsed) write(fd, out, outUsed);
    }
  }
}
