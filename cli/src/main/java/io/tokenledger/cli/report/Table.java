package io.tokenledger.cli.report;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** A text table: columns of numbers and amounts right-aligned, text columns left-aligned. */
final class Table {

    private final List<String[]> rows = new ArrayList<>();
    private final String[] header;

    Table(String... header) {
        this.header = header;
    }

    Table row(Object... cells) {
        String[] row = new String[header.length];
        for (int i = 0; i < header.length; i++) {
            row[i] = i < cells.length && cells[i] != null ? cells[i].toString() : "";
        }
        rows.add(row);
        return this;
    }

    void print(PrintStream out) {
        int[] widths = new int[header.length];
        for (int i = 0; i < header.length; i++) {
            widths[i] = header[i].length();
            for (String[] row : rows) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        boolean[] right = new boolean[header.length];
        for (int i = 0; i < header.length; i++) {
            right[i] = i > 0;
            for (String[] row : rows) {
                right[i] &= row[i].isEmpty() || row[i].matches("^-?\\$?-?[0-9].*");
            }
        }
        out.println("  " + format(header, widths, right));
        StringBuilder rule = new StringBuilder("  ");
        for (int i = 0; i < widths.length; i++) {
            rule.append(i == 0 ? "" : "  ").append("-".repeat(widths[i]));
        }
        out.println(rule);
        for (String[] row : rows) {
            out.println("  " + format(row, widths, right));
        }
    }

    private static String format(String[] cells, int[] widths, boolean[] right) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                line.append("  ");
            }
            String fmt = right[i] ? "%" + widths[i] + "s" : "%-" + widths[i] + "s";
            line.append(String.format(fmt, cells[i]));
        }
        return line.toString().stripTrailing();
    }
}
