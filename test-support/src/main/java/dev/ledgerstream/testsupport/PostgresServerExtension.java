package dev.ledgerstream.testsupport;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What {@link WithPostgres} registers. */
final class PostgresServerExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

    private static final Logger log = LoggerFactory.getLogger(PostgresServerExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        // Start before the first test so that start-up neither counts against a test's timeout nor hides in its failure.
        TestServers.postgres();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        PostgresServer postgres = TestServers.postgres();
        if (postgres.canRestart() && !postgres.isRunning()) {
            log.warn("{} left PostgreSQL stopped; starting it again for the next classes", context.getDisplayName());
            postgres.start();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        return type == PostgresServer.class || type == TestDatabase.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        if (parameterContext.getParameter().getType() == PostgresServer.class) {
            return TestServers.postgres();
        }
        return TestServers.database(outermostClass(extensionContext.getRequiredTestClass()));
    }

    /** {@code @Nested} classes share their enclosing class's database, as they share its setup. */
    private static Class<?> outermostClass(Class<?> testClass) {
        Class<?> outermost = testClass;
        while (outermost.getEnclosingClass() != null) {
            outermost = outermost.getEnclosingClass();
        }
        return outermost;
    }
}
