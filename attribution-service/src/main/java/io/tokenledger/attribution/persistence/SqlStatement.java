package io.tokenledger.attribution.persistence;

import java.util.List;

/** SQL text with its positional parameters; values are always bound, never spliced into the text. */
record SqlStatement(String sql, List<Object> params) {

    SqlStatement {
        params = List.copyOf(params);
    }
}
