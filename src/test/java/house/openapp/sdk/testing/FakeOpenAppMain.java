package house.openapp.sdk.testing;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a {@link FakeOpenApp} as a program of its own, for a script, a main program or a client
 * in another language: it prints where the fake listens and its keys, one {@code NAME=value}
 * per line (ready for {@code export} or a {@code .env} file), then serves until the process is
 * stopped (Ctrl-C or SIGTERM), when it closes the fake.
 *
 * <pre>
 * java -cp "$CLASSPATH" house.openapp.sdk.testing.FakeOpenAppMain --port 8089
 * OPENAPP_BASE_URL=http://127.0.0.1:8089/api/v1/
 * OPENAPP_API_KEY=http://127.0.0.1:8089_openapp_...
 * OPENAPP_PLATFORM_ADMIN_KEY=http://127.0.0.1:8089_openapp_...
 * OPENAPP_ROOT_ORG=01J...
 * </pre>
 *
 * <p>Options: {@code --port N} (default: a free port), {@code --max-depth N},
 * {@code --default-limit N}. The testkit jar names this class as its {@code Main-Class}.
 */
public final class FakeOpenAppMain {
    private FakeOpenAppMain() {
    }

    /**
     * Starts the fake, prints its address and keys, and serves until the JVM is stopped.
     *
     * @param args the options above
     * @throws InterruptedException if the main thread is interrupted while serving
     */
    public static void main(String[] args) throws InterruptedException {
        FakeOpenApp fake;
        try {
            fake = configure(args).start();
        } catch (IllegalArgumentException e) {
            System.err.println("FakeOpenAppMain: " + e.getMessage());
            System.err.println("usage: FakeOpenAppMain [--port N] [--max-depth N] [--default-limit N]");
            System.exit(2);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            fake.close();
            stopped.countDown();
        }, "fake-openapp-shutdown"));
        describe(fake, System.out);
        System.out.flush();
        stopped.await();
    }

    /**
     * Reads the options into a builder.
     *
     * @param args the command line
     * @return the configured builder
     * @throws IllegalArgumentException naming an unknown option or a bad value
     */
    static FakeOpenApp.Builder configure(String[] args) {
        FakeOpenApp.Builder builder = FakeOpenApp.builder();
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(option.startsWith("--") ? option + " needs a value" : "unknown option " + option);
            }
            int value = integer(option, args[++i]);
            switch (option) {
                case "--port" -> builder.port(value);
                case "--max-depth" -> builder.maxDepth(value);
                case "--default-limit" -> builder.defaultLimit(value);
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        return builder;
    }

    /**
     * Prints the fake's address and keys as {@code NAME=value} lines.
     *
     * @param fake the running fake
     * @param out where to print
     */
    static void describe(FakeOpenApp fake, PrintStream out) {
        out.println("OPENAPP_BASE_URL=" + fake.baseUrl());
        out.println("OPENAPP_API_KEY=" + fake.apiKey());
        out.println("OPENAPP_PLATFORM_ADMIN_KEY=" + fake.platformAdminKey());
        out.println("OPENAPP_ROOT_ORG=" + fake.rootOrgId());
        out.println("# FakeOpenApp serving on " + fake.origin() + " until stopped (Ctrl-C)");
    }

    private static int integer(String option, String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be an integer but was '" + text + "'");
        }
    }
}
