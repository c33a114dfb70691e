package io.tokenledger.cli.command;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The parsed command line: {@code <command> [--option value | --option=value | --flag]...}.
 * Options a command does not declare are an error, so a typo never silently changes a run.
 */
public record Args(String command, Map<String, String> options, Set<String> flags) {

    /** Parses {@code argv}; {@code valueOptions} take a value, {@code flagOptions} do not (names without "--"). */
    public static Args parse(List<String> argv, Set<String> valueOptions, Set<String> flagOptions) {
        List<String> rest = new ArrayList<>(argv);
        String command = rest.isEmpty() || rest.get(0).startsWith("-") ? "help" : rest.remove(0);
        Map<String, String> options = new HashMap<>();
        Set<String> flags = new java.util.HashSet<>();
        for (int i = 0; i < rest.size(); i++) {
            String arg = rest.get(i);
            if (arg.equals("-h") || arg.equals("--help")) {
                flags.add("help");
                continue;
            }
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "'");
            }
            String name = arg.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (flagOptions.contains(name)) {
                if (value != null) {
                    throw new IllegalArgumentException("--" + name + " takes no value");
                }
                flags.add(name);
            } else if (valueOptions.contains(name)) {
                if (value == null) {
                    if (i + 1 >= rest.size()) {
                        throw new IllegalArgumentException("--" + name + " needs a value");
                    }
                    value = rest.get(++i);
                }
                options.put(name, value);
            } else {
                throw new IllegalArgumentException("unknown option --" + name + " for '" + command + "'");
            }
        }
        return new Args(command, Map.copyOf(options), Set.copyOf(flags));
    }

    public Optional<String> option(String name) {
        return Optional.ofNullable(options.get(name));
    }

    public String option(String name, String fallback) {
        return options.getOrDefault(name, fallback);
    }

    /** A positive (or zero, if allowed) integer option. */
    public int intOption(String name, int fallback, int min) {
        String value = options.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed < min) {
                throw new IllegalArgumentException("--" + name + " must be >= " + min);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be an integer, got '" + value + "'");
        }
    }

    public boolean flag(String name) {
        return flags.contains(name);
    }
}
