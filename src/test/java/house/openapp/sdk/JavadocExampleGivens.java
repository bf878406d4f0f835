package house.openapp.sdk;

import house.openapp.sdk.generated.model.OrganizationResponse;

import java.nio.file.Path;

/**
 * The names the Javadoc examples take as given, for {@link JavadocExamplesTest}: each example
 * compiles inside a subclass, so it can use these (or declare its own of the same name).
 */
@SuppressWarnings({"unused", "exports"})
public abstract class JavadocExampleGivens {
    /** For the generated subclasses. */
    protected JavadocExampleGivens() {
    }

    /** A client. */
    protected OpenAppClient client;
    /** Its Orgs operations. */
    protected Orgs orgs;
    /** An API key. */
    protected String key = "http://127.0.0.1:1_openapp_secret";
    /** An organisation's id, as an org context. */
    protected String orgId = "01HORG";
    /** A Micrometer observation registry. */
    protected io.micrometer.observation.ObservationRegistry observationRegistry;
    /** An OpenTelemetry instance. */
    protected io.opentelemetry.api.OpenTelemetry openTelemetry;
    /** A proxy's user name. */
    protected String user = "user";
    /** A proxy's password. */
    protected String password = "password";
    /** A scheduler. */
    protected java.util.concurrent.ScheduledExecutorService scheduler;
    /** An image's bytes. */
    protected byte[] bytes = new byte[0];
    /** An organisation's id. */
    protected String id = "01HORG";
    /** An organisation. */
    protected OrganizationResponse org;
    /** A parent organisation. */
    protected OrganizationResponse parent;
    /** An image file. */
    protected Path file;
    /** A logger in the SLF4J style, as an application would have. */
    protected Log log;

    /** A logger in the SLF4J style. */
    public interface Log {
        /**
         * Logs at info.
         *
         * @param format the message
         * @param arguments its arguments
         */
        void info(String format, Object... arguments);

        /**
         * Logs a warning.
         *
         * @param format the message
         * @param arguments its arguments
         */
        void warn(String format, Object... arguments);
    }
}
