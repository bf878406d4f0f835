package house.openapp.sdk.bench;

import house.openapp.sdk.ListParams;
import house.openapp.sdk.OpenAppClient;
import house.openapp.sdk.generated.model.OrganizationResponse;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Benchmark 3, the client side: streams every org of a server through the facade's auto-pager
 * (pages of 200) in a JVM started with {@code -Xmx64m} by {@link BenchRunner}, and prints one
 * line of figures. The server runs in the parent process, so this heap holds only the client.
 *
 * <p>Usage: {@code StreamingMemoryMain API_ROOT EXPECTED_TOTAL [stream|prefetch|collect]};
 * {@code collect} keeps every org in a list instead, to show that the heap limit is real.
 * Output: {@code orgs=N peakHeapBytes=P liveMidStreamBytes=L maxHeapBytes=M millis=T}.
 */
public final class StreamingMemoryMain {
    private StreamingMemoryMain() {
    }

    /**
     * Runs the stream.
     *
     * @param args the API root, the expected total, and the mode
     */
    public static void main(String[] args) {
        String apiRoot = args[0];
        long expected = Long.parseLong(args[1]);
        String mode = args.length > 2 ? args[2] : "stream";
        List<MemoryPoolMXBean> heap = new ArrayList<>();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                heap.add(pool);
            }
        }
        AtomicLong liveMid = new AtomicLong(-1);
        long started = System.nanoTime();
        long seen = 0;
        List<OrganizationResponse> kept = new ArrayList<>();
        try (OpenAppClient client = Clients.facade(apiRoot)) {
            heap.forEach(MemoryPoolMXBean::resetPeakUsage);
            var all = client.orgs().list(ListParams.builder().limit(200).build()).autoPaging();
            for (OrganizationResponse org : mode.equals("prefetch") ? all.prefetching() : all) {
                if (org.getId() == null) {
                    throw new IllegalStateException("org without id at " + seen);
                }
                if (mode.equals("collect")) {
                    kept.add(org);
                }
                if (++seen == expected / 2) {
                    System.gc();
                    liveMid.set(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
                }
            }
        }
        long peak = 0;
        for (MemoryPoolMXBean pool : heap) {
            peak += pool.getPeakUsage().getUsed();
        }
        if (seen != expected) {
            throw new IllegalStateException("streamed " + seen + " orgs, expected " + expected);
        }
        System.out.println("orgs=" + seen + " peakHeapBytes=" + peak + " liveMidStreamBytes=" + liveMid.get()
                + " maxHeapBytes=" + Runtime.getRuntime().maxMemory() + " kept=" + kept.size()
                + " millis=" + (System.nanoTime() - started) / 1_000_000);
    }
}
