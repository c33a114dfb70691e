package io.tokenledger.pricing.persistence;

import io.tokenledger.pricing.domain.TokenClass;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The {@code <class>_per_million} NUMERIC columns every price table shares, bound and read in class order. */
final class PriceColumns {

    static final TokenClass[] CLASSES = TokenClass.values();
    static final String NAMES = Stream.of(CLASSES).map(c -> c.label() + "_per_million").collect(Collectors.joining(", "));
    static final String PLACEHOLDERS = "?, ".repeat(CLASSES.length - 1) + "?";
    static final String UPDATES = Stream.of(CLASSES).map(c -> c.label() + "_per_million = EXCLUDED." + c.label()
            + "_per_million").collect(Collectors.joining(", "));

    private PriceColumns() {
    }

    /** Binds every class from {@code index}; returns the next index. */
    static int bind(PreparedStatement statement, int index, Map<TokenClass, BigDecimal> perMillion) throws SQLException {
        for (TokenClass tokenClass : CLASSES) {
            BigDecimal price = perMillion.get(tokenClass);
            if (price == null) {
                statement.setNull(index++, Types.NUMERIC);
            } else {
                statement.setBigDecimal(index++, price);
            }
        }
        return index;
    }

    /** Reads every class from column {@code first}. */
    static Map<TokenClass, BigDecimal> read(ResultSet rows, int first) throws SQLException {
        Map<TokenClass, BigDecimal> perMillion = new EnumMap<>(TokenClass.class);
        for (int i = 0; i < CLASSES.length; i++) {
            BigDecimal price = rows.getBigDecimal(first + i);
            if (price != null) {
                perMillion.put(CLASSES[i], price);
            }
        }
        return perMillion;
    }
}
