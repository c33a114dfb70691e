package io.tokenledger.budget.persistence;

import io.tokenledger.budget.domain.WebhookEndpoint;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Webhook endpoints; their secrets are stored encrypted and never read back here. */
@ApplicationScoped
public class WebhookEndpointRepository {

    private final DataSource dataSource;
    private final SecretCipher cipher;

    public WebhookEndpointRepository(DataSource dataSource, SecretCipher cipher) {
        this.dataSource = dataSource;
        this.cipher = cipher;
    }

    public void insert(WebhookEndpoint endpoint, String secret) {
        String sql = "INSERT INTO budget.webhook_endpoints (id, tenant, url, description, secret_encrypted, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?)";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, endpoint.id());
            ps.setString(2, endpoint.tenantId());
            ps.setString(3, endpoint.url());
            ps.setString(4, endpoint.description());
            ps.setBytes(5, cipher.encrypt(secret));
            Sql.setInstant(ps, 6, endpoint.createTime());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw Sql.failure("insert webhook endpoint", e);
        }
    }

    /** The tenant's endpoints, oldest first. */
    public List<WebhookEndpoint> list(String tenant) {
        String sql = "SELECT id, tenant, url, description, created_at FROM budget.webhook_endpoints WHERE tenant = ? ORDER BY seq";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, tenant);
            List<WebhookEndpoint> endpoints = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    endpoints.add(new WebhookEndpoint(rs.getString("id"), rs.getString("tenant"), rs.getString("url"),
                            rs.getString("description"), Sql.instant(rs, "created_at")));
                }
            }
            return endpoints;
        } catch (SQLException e) {
            throw Sql.failure("list webhook endpoints", e);
        }
    }
}
