package io.korch.gateway.validation;

/**
 * One reason an object is invalid, in the shape of a Kubernetes {@code StatusCause}.
 *
 * @param reason  the cause type: {@code FieldValueInvalid}, {@code FieldValueRequired}...
 * @param field   the path of the field at fault ({@code spec.template.spec.containers[0].image}); empty for the object
 * @param message what is wrong, without the path ({@code Required value})
 */
public record Cause(String reason, String field, String message) {

    /** {@code field: message}, as Kubernetes prints a cause. */
    public String describe() {
        return field.isEmpty() ? message : field + ": " + message;
    }
}
