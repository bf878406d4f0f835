package house.openapp.sdk;

import java.util.Objects;

/**
 * The options of {@link Orgs#getByName(String, OrgGetByNameParams)}: how a name matches; an
 * immutable value.
 *
 * <pre>{@code
 * OrganizationResponse office = client.orgs().getByName("office",
 *     OrgGetByNameParams.builder().match(OrgGetByNameParams.Match.CONTAINS).build());
 * }</pre>
 */
public final class OrgGetByNameParams {
    /** Exact matching. */
    public static final OrgGetByNameParams DEFAULT = builder().build();

    /** How the name given is compared with each locale's text of an organisation's name. */
    public enum Match {
        /** The text of some locale equals the name, case included. */
        EXACT,
        /** The text of some locale contains the name, ignoring case. */
        CONTAINS
    }

    private final Match match;

    private OrgGetByNameParams(Builder builder) {
        this.match = builder.match;
    }

    /**
     * Starts a builder with exact matching.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * How the name matches.
     *
     * @return the match, {@link Match#EXACT} unless set
     */
    public Match match() {
        return match;
    }

    /**
     * A builder initialised from these options.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        return new Builder().match(match);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof OrgGetByNameParams that && match == that.match;
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(match);
    }

    @Override
    public String toString() {
        return "OrgGetByNameParams{match=" + match + "}";
    }

    /** Builder of {@link OrgGetByNameParams}; not thread-safe. */
    public static final class Builder {
        private Match match = Match.EXACT;

        private Builder() {
        }

        /**
         * Sets how the name matches.
         *
         * @param match {@link Match#EXACT} (the default) or {@link Match#CONTAINS}
         * @return this builder
         */
        public Builder match(Match match) {
            this.match = Objects.requireNonNull(match, "match");
            return this;
        }

        /**
         * Builds the options.
         *
         * @return the options
         */
        public OrgGetByNameParams build() {
            return new OrgGetByNameParams(this);
        }
    }
}
