package io.korch.cli.commands;

import io.korch.model.ApiKind;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code KIND [NAME...]} arguments of get, describe and delete, which also accept kubectl's
 * {@code KIND/NAME} form.
 *
 * @param kind  the kind named
 * @param names the names given, possibly none
 */
public record KindArguments(ApiKind kind, List<String> names) {

    /** Reads the KIND parameter (possibly null) and the NAME parameters that follow it. */
    public static KindArguments parse(String kind, List<String> names) {
        List<String> args = new ArrayList<>();
        if (kind != null) {
            args.add(kind);
        }
        args.addAll(names);
        return parse(args);
    }

    /**
     * Reads {@code deployments web api}, {@code deploy/web} or {@code pods}.
     *
     * @throws CommandFailedException when the kind is unknown or forms are mixed
     */
    public static KindArguments parse(List<String> args) {
        if (args.isEmpty()) {
            throw new CommandFailedException("you must specify the type of resource, e.g. pods, deployments, nodes");
        }
        String first = args.get(0);
        int slash = first.indexOf('/');
        if (slash < 0) {
            return new KindArguments(kind(first), List.copyOf(args.subList(1, args.size())));
        }
        ApiKind kind = kind(first.substring(0, slash));
        List<String> names = new ArrayList<>();
        for (String arg : args) {
            int at = arg.indexOf('/');
            if (at < 0 || kind(arg.substring(0, at)) != kind || at == arg.length() - 1) {
                throw new CommandFailedException("there is no need to specify a resource type as a separate"
                        + " argument when passing arguments in resource/name form (e.g. 'korch get resource/<resource_name>'"
                        + " instead of 'korch get resource resource/<resource_name>'), and all must be of one kind");
            }
            names.add(arg.substring(at + 1));
        }
        return new KindArguments(kind, names);
    }

    /** The kind named by {@code name}: plural, singular, short name or kind. */
    public static ApiKind kind(String name) {
        return ApiKind.fromName(name).orElseThrow(() ->
                new CommandFailedException("the server doesn't have a resource type \"" + name + "\""));
    }
}
