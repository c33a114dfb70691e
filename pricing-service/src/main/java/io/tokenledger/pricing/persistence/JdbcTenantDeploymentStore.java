package io.tokenledger.pricing.persistence;

import io.tokenledger.pricing.application.TenantDeploymentStore;
import io.tokenledger.pricing.domain.TenantDeployment;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Tenant deployments in PostgreSQL ({@code pricing.tenant_deployment}). */
@ApplicationScoped
public class JdbcTenantDeploymentStore implements TenantDeploymentStore {

    private static final String UPSERT = "INSERT INTO pricing.tenant_deployment (tenant_id, provider, deployment, model)"
            + " VALUES (?, ?, ?, ?) ON CONFLICT (tenant_id, provider, deployment)"
            + " DO UPDATE SET model = EXCLUDED.model, updated_at = now()";
    private static final String SELECT = "SELECT tenant_id, provider, deployment, model FROM pricing.tenant_deployment";

    private final DataSource dataSource;

    public JdbcTenantDeploymentStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void upsert(TenantDeployment deployment) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
            upsert.setString(1, deployment.tenantId());
            upsert.setString(2, deployment.provider());
            upsert.setString(3, deployment.deployment());
            upsert.setString(4, deployment.model());
            upsert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store the deployment " + deployment.deploymentKey(), e);
        }
    }

    @Override
    public List<TenantDeployment> load() {
        List<TenantDeployment> deployments = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(SELECT);
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                deployments.add(new TenantDeployment(rows.getString(1), rows.getString(2), rows.getString(3),
                        rows.getString(4)));
            }
            return deployments;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot load the tenant deployments", e);
        }
    }
}
