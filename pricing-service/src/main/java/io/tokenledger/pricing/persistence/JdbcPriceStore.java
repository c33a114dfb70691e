package io.tokenledger.pricing.persistence;

import io.tokenledger.pricing.application.PriceStore;
import io.tokenledger.pricing.domain.ModelAlias;
import io.tokenledger.pricing.domain.Prices;
import io.tokenledger.pricing.domain.RateCard;
import io.tokenledger.pricing.domain.ServiceTier;
import io.tokenledger.pricing.domain.TokenClass;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** The price book in PostgreSQL (schema {@code pricing}), through plain JDBC. */
@ApplicationScoped
public class JdbcPriceStore implements PriceStore {

    private static final int CLASS_COUNT = PriceColumns.CLASSES.length;
    private static final String INSERT_VERSION = "INSERT INTO pricing.price_version "
            + "(provider, model, mode, effective_from, " + PriceColumns.NAMES + ", source) VALUES (?, ?, ?, ?, "
            + PriceColumns.PLACEHOLDERS + ", ?) ON CONFLICT (provider, model, effective_from) DO ";
    private static final String INSERT_CARD = "INSERT INTO pricing.price_rate_card "
            + "(provider, model, effective_from, service_tier, above_prompt_tokens, " + PriceColumns.NAMES
            + ") VALUES (?, ?, ?, ?, ?, " + PriceColumns.PLACEHOLDERS + ") ON CONFLICT DO NOTHING";
    private static final String DELETE_CARDS = "DELETE FROM pricing.price_rate_card "
            + "WHERE provider = ? AND model = ? AND effective_from = ?";
    private static final String INSERT_ALIAS = "INSERT INTO pricing.model_alias (provider, alias, model) "
            + "VALUES (?, ?, ?) ON CONFLICT (provider, alias) DO NOTHING";
    private static final String SELECT_VERSIONS = "SELECT provider, model, mode, effective_from, " + PriceColumns.NAMES
            + ", source FROM pricing.price_version ORDER BY provider, model, effective_from";
    private static final String SELECT_CARDS = "SELECT provider, model, effective_from, service_tier, above_prompt_tokens, "
            + PriceColumns.NAMES + " FROM pricing.price_rate_card ORDER BY service_tier, above_prompt_tokens";
    private static final String SELECT_ALIASES = "SELECT provider, alias, model FROM pricing.model_alias";

    private final DataSource dataSource;

    public JdbcPriceStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void seed(List<Prices> versions, List<ModelAlias> aliases) {
        inTransaction("cannot seed the price book", connection -> {
            // Callers pass only versions that are new (PriceImport filters against the book), so cards can follow in batch.
            try (PreparedStatement versionInsert = connection.prepareStatement(INSERT_VERSION + "NOTHING")) {
                for (Prices prices : versions) {
                    bindVersion(versionInsert, prices);
                    versionInsert.addBatch();
                }
                versionInsert.executeBatch();
            }
            insertCards(connection, versions);
            try (PreparedStatement aliasInsert = connection.prepareStatement(INSERT_ALIAS)) {
                for (ModelAlias alias : aliases) {
                    aliasInsert.setString(1, alias.aliasKey().provider());
                    aliasInsert.setString(2, alias.aliasKey().model());
                    aliasInsert.setString(3, alias.targetKey().model());
                    aliasInsert.addBatch();
                }
                aliasInsert.executeBatch();
            }
        });
    }

    @Override
    public void upsert(Prices version) {
        inTransaction("cannot store the price version " + version.priceId(), connection -> {
            try (PreparedStatement insert = connection.prepareStatement(INSERT_VERSION + "UPDATE SET mode = EXCLUDED.mode, "
                    + PriceColumns.UPDATES + ", source = EXCLUDED.source");
                 PreparedStatement delete = connection.prepareStatement(DELETE_CARDS)) {
                bindVersion(insert, version);
                insert.executeUpdate();
                delete.setString(1, version.key().provider());
                delete.setString(2, version.key().model());
                delete.setTimestamp(3, Timestamp.from(version.effectiveFrom()));
                delete.executeUpdate();
            }
            insertCards(connection, List.of(version));
        });
    }

    private static void insertCards(Connection connection, List<Prices> versions) throws SQLException {
        try (PreparedStatement cardInsert = connection.prepareStatement(INSERT_CARD)) {
            for (Prices prices : versions) {
                for (RateCard card : prices.rateCards()) {
                    cardInsert.setString(1, prices.key().provider());
                    cardInsert.setString(2, prices.key().model());
                    cardInsert.setTimestamp(3, Timestamp.from(prices.effectiveFrom()));
                    cardInsert.setString(4, card.tier().name());
                    cardInsert.setLong(5, card.abovePromptTokens());
                    PriceColumns.bind(cardInsert, 6, card.perMillion());
                    cardInsert.addBatch();
                }
            }
            cardInsert.executeBatch();
        }
    }

    private static void bindVersion(PreparedStatement insert, Prices prices) throws SQLException {
        insert.setString(1, prices.key().provider());
        insert.setString(2, prices.key().model());
        insert.setString(3, prices.mode());
        insert.setTimestamp(4, Timestamp.from(prices.effectiveFrom()));
        int index = PriceColumns.bind(insert, 5, prices.perMillion());
        insert.setString(index, prices.source());
    }

    @Override
    public List<Prices> loadVersions() {
        List<Prices> versions = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            Map<String, List<RateCard>> cards = loadCards(connection);
            try (PreparedStatement select = connection.prepareStatement(SELECT_VERSIONS);
                 ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    Instant from = rows.getTimestamp(4).toInstant();
                    versions.add(new Prices(rows.getString(1), rows.getString(2), rows.getString(3), from,
                            PriceColumns.read(rows, 5), rows.getString(5 + CLASS_COUNT),
                            cards.getOrDefault(versionKey(rows.getString(1), rows.getString(2), from), List.of())));
                }
            }
            return versions;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot load the price book", e);
        }
    }

    private static Map<String, List<RateCard>> loadCards(Connection connection) throws SQLException {
        Map<String, List<RateCard>> cards = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement(SELECT_CARDS);
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                Map<TokenClass, BigDecimal> perMillion = PriceColumns.read(rows, 6);
                cards.computeIfAbsent(versionKey(rows.getString(1), rows.getString(2), rows.getTimestamp(3).toInstant()),
                        k -> new ArrayList<>()).add(new RateCard(ServiceTier.valueOf(rows.getString(4)), rows.getLong(5), perMillion));
            }
        }
        return cards;
    }

    private static String versionKey(String provider, String model, Instant from) {
        return provider + "\u0000" + model + "\u0000" + from;
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

    /** Work on one connection in one transaction. */
    interface Work {
        void run(Connection connection) throws SQLException;
    }

    private void inTransaction(String failure, Work work) {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                work.run(connection);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(failure, e);
        }
    }
}
