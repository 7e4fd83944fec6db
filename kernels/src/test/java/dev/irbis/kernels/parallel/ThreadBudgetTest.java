package dev.irbis.kernels.parallel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ThreadBudgetTest {
    /** Every index is visited exactly once, in the same chunks whether the workers take part or not. */
    @Test
    void coversTheRangeOnceInFixedChunks() {
        try (ThreadBudget budget = new ThreadBudget(3)) {
            for (long n : new long[] {1, 2, 3, 7, 100, 1001}) {
                int[] seen = new int[(int) n];
                List<long[]> chunks = Collections.synchronizedList(new ArrayList<>());
                budget.parallelRange(n, 1, (s, e) -> {
                    chunks.add(new long[] {s, e});
                    for (long i = s; i < e; i++) {
                        seen[(int) i]++;
                    }
                });
                for (int v : seen) {
                    assertEquals(1, v);
                }
                assertEquals(Math.min(3, n), chunks.size());
            }
        }
    }

    @Test
    void workersTakeShares() {
        try (ThreadBudget budget = new ThreadBudget(2)) {
            Set<Thread> threads = ConcurrentHashMap.newKeySet();
            for (int i = 0; i < 50; i++) {
                budget.parallelRange(2, 1, (s, e) -> threads.add(Thread.currentThread()));
            }
            assertEquals(2, threads.size(), "the caller and one worker");
        }
    }

    @Test
    void failuresPropagateAfterEveryChunkFinished() {
        try (ThreadBudget budget = new ThreadBudget(2)) {
            AtomicLong done = new AtomicLong();
            IllegalStateException thrown = new IllegalStateException("chunk failed");
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> budget.parallelRange(2, 1, (s, en) -> {
                if (s == 1) {
                    throw thrown;
                }
                done.incrementAndGet();
            }));
            assertSame(thrown, e);
            assertEquals(1, done.get());
            // The budget still works afterwards.
            AtomicLong sum = new AtomicLong();
            budget.parallelRange(10, 1, (s, en) -> sum.addAndGet(en - s));
            assertEquals(10, sum.get());
        }
    }

    /** Nested loops and concurrent callers never deadlock and still cover their ranges. */
    @Test
    void nestedLoopsAndConcurrentCallers() throws Exception {
        try (ThreadBudget budget = new ThreadBudget(2)) {
            ExecutorService callers = Executors.newFixedThreadPool(4);
            try {
                List<Future<Long>> results = new ArrayList<>();
                for (int c = 0; c < 16; c++) {
                    results.add(callers.submit(() -> {
                        AtomicLong count = new AtomicLong();
                        for (int rep = 0; rep < 20; rep++) {
                            budget.parallelRange(8, 1, (s, e) -> budget.parallelRange(e - s, 1,
                                    (s2, e2) -> count.addAndGet(e2 - s2)));
                        }
                        return count.get();
                    }));
                }
                for (Future<Long> r : results) {
                    assertEquals(160L, r.get());
                }
            } finally {
                callers.shutdown();
            }
        }
    }

    @Test
    void closedBudgetRunsOnTheCaller() {
        ThreadBudget budget = new ThreadBudget(2);
        budget.close();
        budget.close();
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        budget.parallelRange(100, 1, (s, e) -> threads.add(Thread.currentThread()));
        assertEquals(Set.of(Thread.currentThread()), threads);
        assertTrue(budget.threads() == 2);
    }
}
