package io.tokenledger.e2e;

import io.tokenledger.cli.scenario.Scenario;
import io.tokenledger.cli.scenario.ScenarioLoader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** Set-up shared by the end-to-end tests: a fresh database of their own and the demo scenario under a test tenant. */
final class E2eFixtures {

    private static final String ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";

    private E2eFixtures() {
    }

    /** Drops and creates {@code database} (a constant of the test, never user input) on the machine's PostgreSQL. */
    static void recreateDatabase(String database) throws SQLException {
        try (Connection admin = DriverManager.getConnection(ADMIN_URL, "postgres", "");
             Statement sql = admin.createStatement()) {
            sql.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            sql.execute("CREATE DATABASE " + database);
        }
    }

    /** The bundled demo scenario's features and customers for {@code tenant}, without its budgets (tests set theirs). */
    static Scenario demoScenario(String tenant) {
        Scenario demo = ScenarioLoader.load(ScenarioLoader.DEFAULT);
        return new Scenario(tenant, demo.environment(), demo.seed(), demo.customers(), demo.time(), demo.features(),
                List.of());
    }
}
