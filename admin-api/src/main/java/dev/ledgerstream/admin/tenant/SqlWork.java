package dev.ledgerstream.admin.tenant;

import java.sql.Connection;
import java.sql.SQLException;

/** Queries run on a connection whose transaction {@link TenantReads} has scoped already. */
@FunctionalInterface
public interface SqlWork<T> {

    T run(Connection connection) throws SQLException;
}
