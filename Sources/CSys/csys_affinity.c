#define _GNU_SOURCE
#include "csys_affinity.h"
#include <sched.h>

int csys_pin_thread_to_cpu(int cpu) {
    cpu_set_t allowed;
    if (sched_getaffinity(0, sizeof(allowed), &allowed) != 0) return -1;
    int n = CPU_COUNT(&allowed);
    if (n <= 1 || cpu < 0) return 0;
    int want = cpu % n, seen = 0;
    for (int i = 0; i < CPU_SETSIZE; i++) {
        if (!CPU_ISSET(i, &allowed)) continue;
        if (seen++ == want) {
            cpu_set_t one;
            CPU_ZERO(&one);
            CPU_SET(i, &one);
            return sched_setaffinity(0, sizeof(one), &one);
        }
    }
    return 0;
}
