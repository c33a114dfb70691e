package io.tokenledger.pricing.persistence;

import io.tokenledger.pricing.application.TenantPriceStore;
import io.tokenledger.pricing.domain.Prices;
import io.tokenledger.pricing.domain.TenantPrice;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Tenant prices in PostgreSQL ({@code pricing.tenant_price}). */
@ApplicationScoped
public class JdbcTenantPriceStore implements TenantPriceStore {

    private static final int CLASS_COUNT = PriceColumns.CLASSES.length;
    private static final String UPSERT = "INSERT INTO pricing.tenant_price (tenant_id, provider, model, effective_from, "
            + "discount_percent, " + PriceColumns.NAMES + ", source) VALUES (?, ?, ?, ?, ?, " + PriceColumns.PLACEHOLDERS
            + ", ?) ON CONFLICT (tenant_id, provider, model, effective_from) DO UPDATE SET "
            + "discount_percent = EXCLUDED.discount_percent, " + PriceColumns.UPDATES + ", source = EXCLUDED.source";
    private static final String SELECT = "SELECT tenant_id, provider, model, effective_from, discount_percent, "
            + PriceColumns.NAMES + ", source FROM pricing.tenant_price";

    private final DataSource dataSource;

    public JdbcTenantPriceStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void upsert(TenantPrice price) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
            upsert.setString(1, price.tenantId());
            upsert.setString(2, price.key().provider());
            upsert.setString(3, price.key().model());
            upsert.setTimestamp(4, Timestamp.from(price.effectiveFrom()));
            upsert.setBigDecimal(5, price.discountPercent());
            int index = PriceColumns.bind(upsert, 6, price.prices().perMillion());
            upsert.setString(index, price.prices().source());
            upsert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store the tenant price " + price.priceId(), e);
        }
    }

    @Override
    public List<TenantPrice> load() {
        List<TenantPrice> prices = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(SELECT);
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                Prices own = new Prices(rows.getString(2), rows.getString(3), "", rows.getTimestamp(4).toInstant(),
                        PriceColumns.read(rows, 6), rows.getString(6 + CLASS_COUNT));
                prices.add(new TenantPrice(rows.getString(1), own, rows.getBigDecimal(5)));
            }
            return prices;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot load the tenant prices", e);
        }
    }
}
