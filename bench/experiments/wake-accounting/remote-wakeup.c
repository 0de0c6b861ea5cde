// Thread A spins on CPU 1; thread W (CPU 1) wakes every 1 ms, spins 20 us and
// sleeps again. argv[1]: 0 = W sleeps on a 1 ms timer (woken on its own CPU),
// 1 = the main thread on CPU 0 wakes it with a futex (remote wake-up, IPI).
// Prints "A tid ns" and "W tid ns": each thread's schedstat on-CPU ns.
#define _GNU_SOURCE
#include <linux/futex.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
static volatile int stop = 0, word = 0, done = 0;
static int remote;
static pid_t tidA, tidW;
static long long now(void){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec*1000000000LL+t.tv_nsec;}
static void pin(int c){cpu_set_t s;CPU_ZERO(&s);CPU_SET(c,&s);sched_setaffinity(0,sizeof s,&s);}
static long long oncpu(pid_t t){char p[64];sprintf(p,"/proc/self/task/%d/schedstat",t);FILE*f=fopen(p,"r");long long a=0;fscanf(f,"%lld",&a);fclose(f);return a;}
static void *busy(void*x){pin(1);tidA=gettid();while(!stop);for(;;)pause();}
static void *waker(void*x){pin(1);tidW=gettid();int n=0;while(!stop){
  if(remote){syscall(SYS_futex,&word,FUTEX_WAIT_PRIVATE,0,0,0,0);word=0;}
  else{struct timespec s={0,1000000};nanosleep(&s,0);}
  long long e=now()+20000;while(now()<e);n++;}
  done=n;for(;;)pause();}
int main(int c,char**v){remote=atoi(v[1]);pthread_t a,w;pin(0);
 pthread_create(&a,0,busy,0);pthread_create(&w,0,waker,0);usleep(200000);
 long long end=now()+2000000000LL;
 while(now()<end){ if(remote){struct timespec s={0,1000000};nanosleep(&s,0);word=1;syscall(SYS_futex,&word,FUTEX_WAKE_PRIVATE,1,0,0,0);} else usleep(100000);}
 stop=1; if(remote){word=1;syscall(SYS_futex,&word,FUTEX_WAKE_PRIVATE,1,0,0,0);} usleep(100000);
 printf("A %d %lld\nW %d %lld\n",tidA,oncpu(tidA),tidW,oncpu(tidW));fflush(stdout);_exit(0);}
