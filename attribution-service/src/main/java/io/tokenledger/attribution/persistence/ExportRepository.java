package io.tokenledger.attribution.persistence;

import io.tokenledger.attribution.application.ExportSource;
import io.tokenledger.attribution.domain.ExportQuery;
import io.tokenledger.attribution.domain.ExportRow;
import io.tokenledger.attribution.domain.ListCostSplit;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Streams export rows from the hourly rollup through a server-side cursor: the PostgreSQL driver fetches
 * {@link #FETCH_SIZE} rows at a time only inside a transaction (autocommit off) with a fetch size set, so the
 * result is never held in memory whole. Only one charge's rows (at most one per token class) are held at a time, to
 * spread its list cost over them ({@link ListCostSplit}).
 */
@ApplicationScoped
public class ExportRepository implements ExportSource {

    static final int FETCH_SIZE = 1_000;

    private final DataSource dataSource;

    public ExportRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void stream(ExportQuery query, Predicate<ExportRow> rows) {
        SqlStatement statement = ExportSql.rows(query);
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement select = connection.prepareStatement(statement.sql(),
                    ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
                select.setFetchSize(FETCH_SIZE);
                for (int i = 0; i < statement.params().size(); i++) {
                    select.setObject(i + 1, statement.params().get(i));
                }
                try (ResultSet result = select.executeQuery()) {
                    streamCharges(result, query, rows);
                }
            } finally {
                connection.rollback(); // read only: nothing to keep
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw Failures.of("exporting", e);
        }
    }

    /** Collects each charge's consecutive rows and hands them on with their list costs, until told to stop. */
    private static void streamCharges(ResultSet result, ExportQuery query, Predicate<ExportRow> rows)
            throws SQLException {
        List<ExportRow> charge = new ArrayList<>();
        long chargeListCost = 0;
        while (result.next()) {
            ExportRow row = read(result, query);
            if (!charge.isEmpty() && !row.sameCharge(charge.get(0))) {
                if (!send(ListCostSplit.apply(charge, chargeListCost), rows)) {
                    return;
                }
                charge.clear();
            }
            charge.add(row);
            chargeListCost = result.getLong(14);
        }
        send(ListCostSplit.apply(charge, chargeListCost), rows);
    }

    private static boolean send(List<ExportRow> charge, Predicate<ExportRow> rows) {
        for (ExportRow row : charge) {
            if (!rows.test(row)) {
                return false;
            }
        }
        return true;
    }

    /** One row, its list cost still unset (0): {@link ListCostSplit} gives it its share of the charge's. */
    private static ExportRow read(ResultSet result, ExportQuery query) throws SQLException {
        Instant start = result.getObject(1, OffsetDateTime.class).toInstant();
        return new ExportRow(start, start.plus(1, query.periodUnit()), result.getString(2), result.getString(3),
                result.getString(4), result.getString(5), result.getString(6), result.getString(7),
                result.getString(8), result.getString(9), ExportQuery.CLASSES.get(result.getInt(10)),
                result.getLong(11), result.getLong(12), result.getLong(13), 0);
    }
}
