/**
 * Field ownership ({@code metadata.managedFields}) and server-side apply, as Kubernetes'
 * structured-merge-diff defines them.
 *
 * <p>{@link io.korch.gateway.apply.FieldSet} is a set of field paths in Kubernetes'
 * {@code FieldsV1} form; lists are keyed, sets or atomic as
 * {@link io.korch.gateway.patch.ListMergeKeys} declares them.
 * {@link io.korch.gateway.apply.ManagedFields} holds who owns what and records updates;
 * {@link io.korch.gateway.resource.Admission} calls it for creates and replaces that name their
 * field manager ({@link io.korch.gateway.apply.FieldManagers#of}).
 *
 * <p>An apply request ({@code PATCH}, {@code Content-Type: application/apply-patch+yaml}) flows:
 * {@link io.korch.gateway.apply.FieldManagers#forApply} checks the {@code fieldManager}
 * parameter; inside the store's change function, so that a retried write applies again to the
 * newer object, the current object as served goes to
 * {@link io.korch.gateway.apply.ServerSideApply#apply} with the parsed configuration and
 * {@code force}; its result is read with {@code Admission.read} and admitted with
 * {@code forReplace} and the three-argument {@code replacing} (no live object: {@code forCreate}
 * with three arguments and {@code ObjectStore.create}) — not with the field-manager overloads, as
 * the apply has recorded its ownership already.
 */
package io.korch.gateway.apply;
