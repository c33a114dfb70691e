package io.tokenledger.pricing.persistence;

import io.tokenledger.pricing.application.PriceStore;
import io.tokenledger.pricing.domain.ModelAlias;
import io.tokenledger.pricing.domain.Prices;
import io.tokenledger.pricing.domain.TokenClass;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.sql.DataSource;

/** The price book in PostgreSQL (schema {@code pricing}), through plain JDBC. */
@ApplicationScoped
public class JdbcPriceStore implements PriceStore {

    private static final TokenClass[] CLASSES = TokenClass.values();
    private static final String PRICE_COLUMNS = Stream.of(CLASSES)
            .map(c -> c.label() + "_per_million").collect(Collectors.joining(", "));

    private static final String INSERT_VERSION = "INSERT INTO pricing.price_version "
            + "(provider, model, mode, effective_from, " + PRICE_COLUMNS + ", source) VALUES (?, ?, ?, ?, "
            + "?, ".repeat(CLASSES.length) + "?) ON CONFLICT (provider, model, effective_from) DO NOTHING";
    private static final String INSERT_ALIAS = "INSERT INTO pricing.model_alias (provider, alias, model) "
            + "VALUES (?, ?, ?) ON CONFLICT (provider, alias) DO NOTHING";
    private static final String SELECT_VERSIONS = "SELECT provider, model, mode, effective_from, " + PRICE_COLUMNS
            + ", source FROM pricing.price_version ORDER BY provider, model, effective_from";
    private static final String SELECT_ALIASES = "SELECT provider, alias, model FROM pricing.model_alias";

    private final DataSource dataSource;

    public JdbcPriceStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void seed(List<Prices> versions, List<ModelAlias> aliases) {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try (PreparedStatement versionInsert = connection.prepareStatement(INSERT_VERSION);
                 PreparedStatement aliasInsert = connection.prepareStatement(INSERT_ALIAS)) {
                for (Prices prices : versions) {
                    bindVersion(versionInsert, prices);
                    versionInsert.addBatch();
                }
                versionInsert.executeBatch();
                for (ModelAlias alias : aliases) {
                    aliasInsert.setString(1, alias.aliasKey().provider());
                    aliasInsert.setString(2, alias.aliasKey().model());
                    aliasInsert.setString(3, alias.targetKey().model());
                    aliasInsert.addBatch();
                }
                aliasInsert.executeBatch();
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot seed the price book", e);
        }
    }

    private static void bindVersion(PreparedStatement insert, Prices prices) throws SQLException {
        int index = 1;
        insert.setString(index++, prices.key().provider());
        insert.setString(index++, prices.key().model());
        insert.setString(index++, prices.mode());
        insert.setTimestamp(index++, Timestamp.from(prices.effectiveFrom()));
        for (TokenClass tokenClass : CLASSES) {
            BigDecimal price = prices.perMillion().get(tokenClass);
            if (price == null) {
                insert.setNull(index++, Types.NUMERIC);
            } else {
                insert.setBigDecimal(index++, price);
            }
        }
        insert.setString(index, prices.source());
    }

    @Override
    public List<Prices> loadVersions() {
        List<Prices> versions = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(SELECT_VERSIONS);
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                Map<TokenClass, BigDecimal> perMillion = new EnumMap<>(TokenClass.class);
                for (int i = 0; i < CLASSES.length; i++) {
                    BigDecimal price = rows.getBigDecimal(5 + i);
                    if (price != null) {
                        perMillion.put(CLASSES[i], price);
                    }
                }
                versions.add(new Prices(rows.getString(1), rows.getString(2), rows.getString(3),
                        rows.getTimestamp(4).toInstant(), perMillion, rows.getString(5 + CLASSES.length)));
            }
            return versions;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot load the price book", e);
        }
    }

    @Override
    public List<ModelAlias> loadAliases() {
        List<ModelAlias> aliases = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(SELECT_ALIASES);
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                aliases.add(new ModelAlias(rows.getString(1), rows.getString(2), rows.getString(3)));
            }
            return aliases;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot load the model aliases", e);
        }
    }
}
