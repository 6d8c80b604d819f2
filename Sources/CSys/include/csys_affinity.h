#pragma once
/// Pins the calling thread to CPU `cpu` modulo the CPUs it may run on (sched_setaffinity).
/// Returns 0, or -1 with errno. Used by squashfs extraction so that its CPU-bound workers
/// do not stay stacked on one CPU (Linux only moves running threads on periodic balancing).
int csys_pin_thread_to_cpu(int cpu);
