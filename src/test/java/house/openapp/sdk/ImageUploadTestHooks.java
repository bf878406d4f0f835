package house.openapp.sdk;

import java.io.IOException;
import java.io.UncheckedIOException;
import okio.Buffer;

/**
 * Test-only access to the bytes of an {@link ImageUpload}, which the public API does not
 * expose, for the tests in other packages.
 */
public final class ImageUploadTestHooks {
    private ImageUploadTestHooks() {
    }

    /**
     * The bytes the upload sends: the body of its multipart part.
     *
     * @param upload the upload
     * @return the bytes
     */
    public static byte[] bytes(ImageUpload upload) {
        Buffer sent = new Buffer();
        try {
            upload.toPart().body().writeTo(sent);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sent.readByteArray();
    }
}
