package io.tokenledger.attribution.persistence;

import io.tokenledger.attribution.application.RuleStore;
import io.tokenledger.attribution.domain.AttributionRule;
import io.tokenledger.attribution.domain.DryRun;
import io.tokenledger.attribution.domain.RuleCondition;
import io.tokenledger.attribution.domain.RuleSetVersion;
import io.tokenledger.attribution.domain.RuleVersionSummary;
import io.tokenledger.platform.error.TokenLedgerException;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Rule set versions in attribution.rule_set_version, rule and rule_condition (see V4__attribution_rules.sql). */
@ApplicationScoped
public class RuleRepository implements RuleStore {

    private static final String LATEST =
            "SELECT COALESCE(MAX(version), 0) FROM attribution.rule_set_version WHERE tenant_id = ?";
    private static final String VERSION =
            "SELECT rule_count, created_at FROM attribution.rule_set_version WHERE tenant_id = ? AND version = ?";
    private static final String RULES = """
            SELECT rule_id, priority, override, description, assign_keys, assign_values
            FROM attribution.rule WHERE tenant_id = ? AND version = ? ORDER BY priority""";
    private static final String CONDITIONS = """
            SELECT rule_id, subject, label_key, operator, vals
            FROM attribution.rule_condition WHERE tenant_id = ? AND version = ? ORDER BY rule_id, position""";
    private static final String INSERT_VERSION = """
            INSERT INTO attribution.rule_set_version (tenant_id, version, rule_count) VALUES (?, ?, ?)
            RETURNING created_at""";
    private static final String INSERT_RULE = """
            INSERT INTO attribution.rule (tenant_id, version, rule_id, priority, override, description, assign_keys,
                                          assign_values) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final String INSERT_CONDITION = """
            INSERT INTO attribution.rule_condition (tenant_id, version, rule_id, position, subject, label_key, operator,
                                                    vals) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final String VERSIONS = """
            SELECT version, rule_count, created_at FROM attribution.rule_set_version
            WHERE tenant_id = ? AND version < ? ORDER BY version DESC LIMIT ?""";

    private final DataSource dataSource;

    public RuleRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public long latestVersion(String tenantId) {
        try (Connection connection = dataSource.getConnection()) {
            return latest(connection, tenantId);
        } catch (SQLException e) {
            throw Failures.of("reading the rule set version", e);
        }
    }

    private static long latest(Connection connection, String tenantId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(LATEST)) {
            select.setString(1, tenantId);
            try (ResultSet result = select.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    @Override
    public Optional<RuleSetVersion> find(String tenantId, long version) {
        try (Connection connection = dataSource.getConnection()) {
            Timestamp created;
            try (PreparedStatement select = connection.prepareStatement(VERSION)) {
                select.setString(1, tenantId);
                select.setLong(2, version);
                try (ResultSet result = select.executeQuery()) {
                    if (!result.next()) {
                        return Optional.empty();
                    }
                    created = result.getTimestamp(2);
                }
            }
            Map<String, List<RuleCondition>> conditions = new HashMap<>();
            try (PreparedStatement select = connection.prepareStatement(CONDITIONS)) {
                select.setString(1, tenantId);
                select.setLong(2, version);
                try (ResultSet result = select.executeQuery()) {
                    while (result.next()) {
                        conditions.computeIfAbsent(result.getString(1), id -> new ArrayList<>()).add(new RuleCondition(
                                RuleCondition.Subject.valueOf(result.getString(2)), result.getString(3),
                                RuleCondition.Operator.valueOf(result.getString(4)), strings(result, 5)));
                    }
                }
            }
            List<AttributionRule> rules = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(RULES)) {
                select.setString(1, tenantId);
                select.setLong(2, version);
                try (ResultSet result = select.executeQuery()) {
                    while (result.next()) {
                        List<String> keys = strings(result, 5);
                        List<String> values = strings(result, 6);
                        Map<String, String> assign = new LinkedHashMap<>();
                        for (int i = 0; i < keys.size(); i++) {
                            assign.put(keys.get(i), values.get(i));
                        }
                        String ruleId = result.getString(1);
                        rules.add(new AttributionRule(ruleId, result.getInt(2),
                                conditions.getOrDefault(ruleId, List.of()), assign, result.getBoolean(3),
                                result.getString(4)));
                    }
                }
            }
            return Optional.of(new RuleSetVersion(tenantId, version, rules, Optional.of(created.toInstant())));
        } catch (SQLException e) {
            throw Failures.of("reading a rule set", e);
        }
    }

    @Override
    public RuleSetVersion append(String tenantId, List<AttributionRule> rules, Optional<Long> expectedLatest) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                RuleSetVersion stored = append(connection, tenantId, rules, expectedLatest);
                connection.commit();
                return stored;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw Failures.of("storing a rule set", e);
        }
    }

    private static RuleSetVersion append(Connection connection, String tenantId, List<AttributionRule> rules,
                                         Optional<Long> expectedLatest) throws SQLException {
        // Puts of one tenant queue here, so "latest + 1" is never taken twice and the etag check is exact.
        try (PreparedStatement lock = connection.prepareStatement(
                "SELECT pg_advisory_xact_lock(hashtextextended('attribution.rules:' || ?, 0))")) {
            lock.setString(1, tenantId);
            lock.execute();
        }
        long latest = latest(connection, tenantId);
        if (expectedLatest.isPresent() && expectedLatest.get() != latest) {
            throw new TokenLedgerException.Aborted("ETAG_MISMATCH", "the etag does not match the latest rule set "
                    + "version; read the rules again and reapply the change");
        }
        long version = latest + 1;
        Timestamp created;
        try (PreparedStatement insert = connection.prepareStatement(INSERT_VERSION)) {
            insert.setString(1, tenantId);
            insert.setLong(2, version);
            insert.setInt(3, rules.size());
            try (ResultSet result = insert.executeQuery()) {
                result.next();
                created = result.getTimestamp(1);
            }
        }
        try (PreparedStatement insertRule = connection.prepareStatement(INSERT_RULE);
             PreparedStatement insertCondition = connection.prepareStatement(INSERT_CONDITION)) {
            for (AttributionRule rule : rules) {
                insertRule.setString(1, tenantId);
                insertRule.setLong(2, version);
                insertRule.setString(3, rule.ruleId());
                insertRule.setInt(4, rule.priority());
                insertRule.setBoolean(5, rule.override());
                insertRule.setString(6, rule.description());
                insertRule.setArray(7, connection.createArrayOf("text", rule.assign().keySet().toArray()));
                insertRule.setArray(8, connection.createArrayOf("text", rule.assign().values().toArray()));
                insertRule.addBatch();
                for (int i = 0; i < rule.conditions().size(); i++) {
                    RuleCondition condition = rule.conditions().get(i);
                    insertCondition.setString(1, tenantId);
                    insertCondition.setLong(2, version);
                    insertCondition.setString(3, rule.ruleId());
                    insertCondition.setInt(4, i);
                    insertCondition.setString(5, condition.subject().name());
                    insertCondition.setString(6, condition.labelKey());
                    insertCondition.setString(7, condition.operator().name());
                    insertCondition.setArray(8, connection.createArrayOf("text", condition.values().toArray()));
                    insertCondition.addBatch();
                }
            }
            insertRule.executeBatch();
            insertCondition.executeBatch();
        }
        return new RuleSetVersion(tenantId, version, rules, Optional.of(created.toInstant()));
    }

    @Override
    public List<RuleVersionSummary> versions(String tenantId, long beforeVersion, int limit) {
        List<RuleVersionSummary> versions = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(VERSIONS)) {
            select.setString(1, tenantId);
            select.setLong(2, beforeVersion);
            select.setInt(3, limit);
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    versions.add(new RuleVersionSummary(result.getLong(1), result.getInt(2),
                            result.getTimestamp(3).toInstant()));
                }
            }
            return versions;
        } catch (SQLException e) {
            throw Failures.of("listing rule set versions", e);
        }
    }

    @Override
    public List<DryRun.StoredGroup> storedGroups(String tenantId, java.time.Instant start, java.time.Instant end) {
        return StoredGroupSql.read(dataSource, tenantId, start, end);
    }

    static List<String> strings(ResultSet result, int column) throws SQLException {
        return Arrays.asList((String[]) result.getArray(column).getArray());
    }
}
