package house.openapp.sdk;

import house.openapp.sdk.internal.Checks;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.RequestBody;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * An image to upload as an organisation's picture: its bytes, content type and filename,
 * held in memory so that a retried upload sends identical bytes; an immutable value.
 *
 * <pre>{@code
 * client.orgs().uploadImage(orgId, ImageUpload.of(Path.of("logo.png")));
 * client.orgs().uploadImage(orgId, ImageUpload.of(bytes, "image/jpeg"));
 * }</pre>
 */
public final class ImageUpload {
    /** The largest image the SDK uploads: 10 MiB. */
    public static final int MAX_BYTES = 10 * 1024 * 1024;

    /** The content type of each file extension {@link #of(Path)} accepts. */
    private static final Map<String, String> TYPE_BY_EXTENSION = Map.of(
            ".jpg", "image/jpeg", ".jpeg", "image/jpeg", ".png", "image/png", ".webp", "image/webp");
    /** The extension of the default filename for each content type (and its parameters). */
    private static final Map<String, String> EXTENSION_BY_TYPE = Map.of(
            "image/jpeg", ".jpg", "image/png", ".png", "image/webp", ".webp");

    private final byte[] bytes;
    private final String contentType;
    private final String filename;

    private ImageUpload(byte[] bytes, String contentType, String filename) {
        if (bytes.length == 0) {
            throw new IllegalArgumentException("image must not be empty");
        }
        if (bytes.length > MAX_BYTES) {
            throw new IllegalArgumentException("image must be at most " + MAX_BYTES + " bytes but was " + bytes.length);
        }
        this.bytes = bytes;
        this.contentType = Checks.headerValue("contentType", Checks.notBlank("contentType", contentType));
        MediaType.get(contentType);
        this.filename = Checks.headerValue("filename", Checks.notBlank("filename", filename)).replace("\"", "");
    }

    /**
     * Reads an image file; the content type comes from its extension ({@code .jpg},
     * {@code .jpeg}, {@code .png}, {@code .webp}).
     *
     * @param file the file
     * @return the upload
     * @throws UncheckedIOException if the file cannot be read
     */
    public static ImageUpload of(Path file) {
        Objects.requireNonNull(file, "file");
        String name = file.getFileName() == null ? "image" : file.getFileName().toString();
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new IllegalArgumentException("image must be at most " + MAX_BYTES + " bytes but " + name + " is larger");
            }
            return new ImageUpload(Files.readAllBytes(file), typeOf(name), name);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read image " + name, e);
        }
    }

    /**
     * Takes image bytes as they are.
     *
     * @param bytes the image; copied
     * @param contentType {@code image/jpeg}, {@code image/png} or {@code image/webp}
     * @return the upload
     */
    public static ImageUpload of(byte[] bytes, String contentType) {
        return of(bytes, contentType, "image" + extensionOf(contentType));
    }

    /**
     * Reads an image from a stream, up to {@link #MAX_BYTES}; the stream is read to its end
     * but not closed.
     *
     * @param stream the image
     * @param contentType {@code image/jpeg}, {@code image/png} or {@code image/webp}
     * @return the upload
     * @throws UncheckedIOException if the stream fails
     */
    public static ImageUpload of(InputStream stream, String contentType) {
        Objects.requireNonNull(stream, "stream");
        try {
            return new ImageUpload(stream.readNBytes(MAX_BYTES + 1), contentType, "image" + extensionOf(contentType));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the image stream", e);
        }
    }

    /**
     * Takes image bytes with a filename of the caller's choosing.
     *
     * @param bytes the image; copied
     * @param contentType its content type
     * @param filename the filename sent in the multipart part
     * @return the upload
     */
    public static ImageUpload of(byte[] bytes, String contentType, String filename) {
        Objects.requireNonNull(bytes, "bytes");
        return new ImageUpload(bytes.clone(), contentType, filename);
    }

    /**
     * The content type.
     *
     * @return such as {@code image/png}
     */
    public String contentType() {
        return contentType;
    }

    /**
     * The filename sent with the part.
     *
     * @return the filename
     */
    public String filename() {
        return filename;
    }

    /**
     * The size in bytes.
     *
     * @return the size
     */
    public int size() {
        return bytes.length;
    }

    /**
     * The multipart part named {@code file} carrying this image; replayable. Package-private so
     * that no OkHttp type is part of the public API.
     */
    MultipartBody.Part toPart() {
        return MultipartBody.Part.createFormData("file", filename, RequestBody.create(bytes, MediaType.get(contentType)));
    }

    private static String typeOf(String filename) {
        String lower = filename.toLowerCase(Locale.ROOT);
        String type = TYPE_BY_EXTENSION.get(lower.substring(Math.max(lower.lastIndexOf('.'), 0)));
        if (type == null) {
            throw new IllegalArgumentException("image file must end in .jpg, .jpeg, .png or .webp but was " + filename);
        }
        return type;
    }

    private static String extensionOf(String contentType) {
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        for (Map.Entry<String, String> known : EXTENSION_BY_TYPE.entrySet()) {
            if (type.startsWith(known.getKey())) {
                return known.getValue();
            }
        }
        return "";
    }

    @Override
    public String toString() {
        return "ImageUpload{" + filename + ", " + contentType + ", " + bytes.length + " bytes}";
    }
}
