package io.korch.agent.runtime;

/** Thrown by {@link ContainerRuntime#create} when the image is not on the node; korch never pulls images. */
public final class ImageNotPresentException extends RuntimeException {

    private final String image;

    public ImageNotPresentException(String image, String message) {
        super(message);
        this.image = image;
    }

    /** The missing image reference. */
    public String image() {
        return image;
    }
}
