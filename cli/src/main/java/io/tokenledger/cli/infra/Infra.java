package io.tokenledger.cli.infra;

/**
 * Where the services' PostgreSQL and Redis are: a JDBC URL with its user and password, and a Redis URL
 * ({@code redis://host:port[/db]}).
 */
public record Infra(String jdbcUrl, String dbUser, String dbPassword, String redisUrl) {

    public Infra {
        if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("PostgreSQL URL must be a JDBC URL (jdbc:postgresql://host:port/db): "
                    + jdbcUrl);
        }
        if (redisUrl == null || !(redisUrl.startsWith("redis://") || redisUrl.startsWith("rediss://"))) {
            throw new IllegalArgumentException("Redis URL must look like redis://host:port[/db]: " + redisUrl);
        }
        dbUser = dbUser == null || dbUser.isBlank() ? "postgres" : dbUser;
        dbPassword = dbPassword == null ? "" : dbPassword;
    }
}
