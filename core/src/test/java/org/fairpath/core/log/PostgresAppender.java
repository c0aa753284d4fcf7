package org.fairpath.core.log;

import java.util.Map;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Child process for {@link PostgresMultiProcessTest}: opens the PostgreSQL store at the JDBC URL given as first
 * argument and appends {@code count} records as writer {@code writer}, printing {@code ack SEQ HASH WRITER I} after
 * each append has returned (that is, after its commit). Exits with status 1 on the first failed append.
 */
public final class PostgresAppender {

    private PostgresAppender() {
    }

    public static void main(String[] args) throws Exception {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(args[0]);
        int writer = Integer.parseInt(args[1]);
        int count = Integer.parseInt(args[2]);
        StringBuilder out = new StringBuilder();
        try (PostgresDecisionStore store = PostgresDecisionStore.open(ds,
                PostgresDecisionStore.Settings.withDefaults().withConnections(1))) {
            for (int i = 0; i < count; i++) {
                Appended a = store.append("DECISION", Map.of("writer", writer, "i", i));
                out.setLength(0);
                out.append("ack ").append(a.sequence()).append(' ').append(a.hash()).append(' ').append(writer)
                        .append(' ').append(i);
                System.out.println(out);
            }
        } catch (Exception e) {
            e.printStackTrace();
            System.out.flush();
            System.exit(1);
        }
        System.out.flush();
    }
}
