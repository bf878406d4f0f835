package house.openapp.sdk;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The safety rules of {@link Orgs#uploadImageFromUrl(String, java.net.URI)}: what the image download allows: the byte cap, the number of redirects, the total
 * time, and which addresses may be connected to. Immutable.
 */
public final class ImageFetchPolicy {
    /** The default byte cap: 10 MiB. */
    public static final long DEFAULT_MAX_BYTES = 10L * 1024 * 1024;
    /** The default number of redirects followed: 5. */
    public static final int DEFAULT_MAX_REDIRECTS = 5;
    /** The default time limit for a whole fetch, redirects included: 30 seconds. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    /** The largest cap whose bytes, plus one chunk, still fit in a Java array. */
    private static final long LARGEST_MAX_BYTES = Integer.MAX_VALUE - 16L - 8192L;
    private static final Predicate<InetAddress> PUBLIC_ADDRESSES_ONLY = ImageFetchPolicy::isPublicAddress;
    private static final ImageFetchPolicy DEFAULTS = new Builder().build();

    private final long maxBytes;
    private final int maxRedirects;
    private final Duration timeout;
    private final Predicate<InetAddress> allowAddress;

    private ImageFetchPolicy(Builder builder) {
        this.maxBytes = builder.maxBytes;
        this.maxRedirects = builder.maxRedirects;
        this.timeout = builder.timeout;
        this.allowAddress = builder.allowAddress;
    }

    /**
     * The default policy: 10 MiB, 5 redirects, 30 seconds, public addresses only.
     *
     * @return the default policy
     */
    public static ImageFetchPolicy defaults() {
        return DEFAULTS;
    }

    /**
     * A builder starting from the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The default address filter: allows only publicly routable unicast addresses.
     *
     * <p>It refuses the any-local addresses ({@code 0.0.0.0}, {@code ::}) and
     * {@code 0.0.0.0/8}; loopback ({@code 127.0.0.0/8}, {@code ::1}); the private ranges
     * {@code 10.0.0.0/8}, {@code 172.16.0.0/12} and {@code 192.168.0.0/16}; link-local
     * {@code 169.254.0.0/16} and {@code fe80::/10}; carrier-grade NAT
     * {@code 100.64.0.0/10}; {@code 192.0.0.0/24}; benchmarking {@code 198.18.0.0/15};
     * multicast, reserved and broadcast {@code 224.0.0.0/3}; and every IPv6 address outside
     * global unicast {@code 2000::/3} (so unique-local {@code fc00::/7}, deprecated
     * site-local {@code fec0::/10} and multicast {@code ff00::/8}), as well as Teredo
     * {@code 2001::/32} and documentation {@code 2001:db8::/32}. IPv4 addresses embedded
     * in IPv6 (IPv4-mapped {@code ::ffff:0:0/96}, NAT64 {@code 64:ff9b::/96}, 6to4
     * {@code 2002::/16}) are judged by their IPv4 address. The cloud metadata addresses
     * {@code 169.254.169.254}, {@code fd00:ec2::254} and {@code 100.100.100.200} fall in
     * these ranges and are refused too.
     *
     * <p>A custom filter replaces this one; compose with it to widen it narrowly, for
     * example {@code a -> a.isLoopbackAddress() || defaultAddressFilter().test(a)}.
     *
     * @return the filter, {@code true} for an address that may be connected to
     */
    public static Predicate<InetAddress> defaultAddressFilter() {
        return PUBLIC_ADDRESSES_ONLY;
    }

    /**
     * The most body bytes accepted.
     *
     * @return the cap in bytes
     */
    public long maxBytes() {
        return maxBytes;
    }

    /**
     * The most redirects followed; one more is refused.
     *
     * @return the redirect limit
     */
    public int maxRedirects() {
        return maxRedirects;
    }

    /**
     * The time limit for a whole fetch, redirects and body included.
     *
     * @return the limit
     */
    public Duration timeout() {
        return timeout;
    }

    /**
     * The address filter, applied to every resolved address and to every connected one.
     *
     * @return the filter, {@code true} for an address that may be connected to
     */
    public Predicate<InetAddress> allowAddress() {
        return allowAddress;
    }

    private static boolean isPublicAddress(InetAddress address) {
        if (address == null || address.isAnyLocalAddress() || address.isLoopbackAddress()
                || address.isLinkLocalAddress() || address.isSiteLocalAddress()
                || address.isMulticastAddress()) {
            return false;
        }
        if (address instanceof Inet4Address) {
            return isPublicIpv4(address.getAddress(), 0);
        }
        return address instanceof Inet6Address && isPublicIpv6(address.getAddress());
    }

    private static boolean isPublicIpv4(byte[] bytes, int offset) {
        int a = bytes[offset] & 0xFF;
        int b = bytes[offset + 1] & 0xFF;
        int c = bytes[offset + 2] & 0xFF;
        return !(a == 0                               // 0.0.0.0/8 "this network", incl. 0.0.0.0
                || a == 10                            // 10.0.0.0/8 private
                || (a == 100 && (b & 0xC0) == 64)     // 100.64.0.0/10 CGNAT, incl. 100.100.100.200
                || a == 127                           // 127.0.0.0/8 loopback
                || (a == 169 && b == 254)             // 169.254.0.0/16 link-local, incl. 169.254.169.254
                || (a == 172 && (b & 0xF0) == 16)     // 172.16.0.0/12 private
                || (a == 192 && b == 0 && c == 0)     // 192.0.0.0/24 IETF protocol assignments
                || (a == 192 && b == 168)             // 192.168.0.0/16 private
                || (a == 198 && (b & 0xFE) == 18)     // 198.18.0.0/15 benchmarking
                || a >= 224);                         // multicast, reserved, broadcast
    }

    private static boolean isPublicIpv6(byte[] bytes) {
        if (isZero(bytes, 0, 10) && group(bytes, 10) == 0xFFFF) {
            return isPublicIpv4(bytes, 12);                        // ::ffff:0:0/96 IPv4-mapped
        }
        if (group(bytes, 0) == 0x0064 && group(bytes, 2) == 0xFF9B && isZero(bytes, 4, 12)) {
            return isPublicIpv4(bytes, 12);                        // 64:ff9b::/96 NAT64
        }
        if ((bytes[0] & 0xE0) != 0x20) {
            return false;                                          // outside 2000::/3 global unicast
        }
        if (group(bytes, 0) == 0x2001 && (group(bytes, 2) == 0 || group(bytes, 2) == 0x0DB8)) {
            return false;                                          // 2001::/32 Teredo, 2001:db8::/32 documentation
        }
        if (group(bytes, 0) == 0x2002) {
            return isPublicIpv4(bytes, 2);                         // 2002::/16 6to4
        }
        return true;
    }

    /** The 16-bit group of an IPv6 address that starts at byte {@code i}. */
    private static int group(byte[] bytes, int i) {
        return (bytes[i] & 0xFF) << 8 | (bytes[i + 1] & 0xFF);
    }

    private static boolean isZero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Builds a {@link ImageFetchPolicy}; starts from the defaults.
     */
    public static final class Builder {
        private long maxBytes = DEFAULT_MAX_BYTES;
        private int maxRedirects = DEFAULT_MAX_REDIRECTS;
        private Duration timeout = DEFAULT_TIMEOUT;
        private Predicate<InetAddress> allowAddress = PUBLIC_ADDRESSES_ONLY;

        private Builder() {
        }

        /**
         * Sets the most body bytes accepted; default 10 MiB.
         *
         * @param maxBytes the cap, at least 1 and below 2 GiB
         * @return this builder
         * @throws IllegalArgumentException if the cap is out of range
         */
        public Builder maxBytes(long maxBytes) {
            if (maxBytes < 1 || maxBytes > LARGEST_MAX_BYTES) {
                throw new IllegalArgumentException("maxBytes must be between 1 and "
                        + LARGEST_MAX_BYTES + " but was " + maxBytes);
            }
            this.maxBytes = maxBytes;
            return this;
        }

        /**
         * Sets the most redirects followed; default 5, 0 follows none.
         *
         * @param maxRedirects the limit, not negative
         * @return this builder
         * @throws IllegalArgumentException if the limit is negative
         */
        public Builder maxRedirects(int maxRedirects) {
            if (maxRedirects < 0) {
                throw new IllegalArgumentException("maxRedirects must not be negative but was " + maxRedirects);
            }
            this.maxRedirects = maxRedirects;
            return this;
        }

        /**
         * Sets the time limit for a whole fetch, redirects and body included; default 30
         * seconds.
         *
         * @param timeout the limit, between 1 ms and {@link Integer#MAX_VALUE} ms
         * @return this builder
         * @throws IllegalArgumentException if the limit is outside that range
         */
        public Builder timeout(Duration timeout) {
            this.timeout = house.openapp.sdk.internal.Checks.timeout("timeout", timeout);
            return this;
        }

        /**
         * Sets the address filter, which replaces {@link ImageFetchPolicy#defaultAddressFilter()};
         * it is applied to every resolved address and every connected one, and must not
         * do network I/O.
         *
         * @param allowAddress {@code true} for an address that may be connected to
         * @return this builder
         */
        public Builder allowAddress(Predicate<InetAddress> allowAddress) {
            this.allowAddress = Objects.requireNonNull(allowAddress, "allowAddress");
            return this;
        }

        /**
         * Builds the immutable policy.
         *
         * @return the policy
         */
        public ImageFetchPolicy build() {
            return new ImageFetchPolicy(this);
        }
    }
}
