package io.agent4j.examples.sql;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Random;

/**
 * The sample database of the {@code sql} example: 400 customers and 3,000 orders of a small online
 * shop, generated from a fixed seed, so every machine gets the same rows and a recorded session
 * replays against the same answers.
 */
public final class SampleShop {

    /** Bump when the generated data changes, so stale files are regenerated. */
    static final int VERSION = 1;
    private static final String[] COUNTRIES = {"DE", "FR", "KR", "US", "JP", "BR", "IN", "NL"};
    private static final String[] FIRST = {"Ada", "Ben", "Chloe", "Dae", "Emma", "Felix", "Gina", "Hiro", "Ines", "Jun",
        "Kai", "Lena", "Mia", "Noah", "Omar", "Priya", "Quinn", "Rosa", "Sven", "Tae"};
    private static final String[] LAST = {"Kim", "Muller", "Dupont", "Smith", "Sato", "Silva", "Patel", "de Vries",
        "Park", "Schmidt", "Martin", "Lee", "Ito", "Costa", "Shah", "Jansen"};
    private static final String[] PRODUCTS = {"keyboard", "mouse", "monitor", "laptop stand", "webcam", "headset",
        "desk lamp", "usb hub", "microphone", "chair"};
    private static final int[] PRICES_CENTS = {7900, 2900, 24900, 3900, 5900, 8900, 3400, 2400, 11900, 32900};
    private static final String[] STATUSES = {"delivered", "delivered", "delivered", "shipped", "cancelled", "returned"};

    private SampleShop() {
    }

    /** The database file under {@code folder}, generated first when missing or out of date. */
    public static Path ensure(Path folder) {
        Path file = folder.resolve("shop-v" + VERSION + ".db");
        if (Files.isRegularFile(file)) {
            return file;
        }
        try {
            Files.createDirectories(folder);
            Path temp = Files.createTempFile(folder, "shop", ".tmp");
            Files.delete(temp);
            generate(temp);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return file;
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("Cannot create the sample database in " + folder + ": " + e.getMessage(), e);
        }
    }

    static void generate(Path file) throws SQLException {
        Random random = new Random(20261127L);
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement ddl = connection.createStatement()) {
            ddl.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT NOT NULL, country TEXT NOT NULL, "
                    + "signed_up TEXT NOT NULL)");
            ddl.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES "
                    + "customers(id), ordered_on TEXT NOT NULL, product TEXT NOT NULL, quantity INTEGER NOT NULL, "
                    + "unit_price_cents INTEGER NOT NULL, status TEXT NOT NULL)");
            connection.setAutoCommit(false);
            LocalDate start = LocalDate.of(2024, 1, 1);
            try (PreparedStatement customer = connection.prepareStatement("INSERT INTO customers VALUES (?, ?, ?, ?)")) {
                for (int id = 1; id <= 400; id++) {
                    customer.setInt(1, id);
                    customer.setString(2, FIRST[random.nextInt(FIRST.length)] + " " + LAST[random.nextInt(LAST.length)]);
                    customer.setString(3, COUNTRIES[random.nextInt(COUNTRIES.length)]);
                    customer.setString(4, start.plusDays(random.nextInt(500)).toString());
                    customer.addBatch();
                }
                customer.executeBatch();
            }
            try (PreparedStatement order = connection.prepareStatement("INSERT INTO orders VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                for (int id = 1; id <= 3000; id++) {
                    int product = random.nextInt(PRODUCTS.length);
                    order.setInt(1, id);
                    order.setInt(2, 1 + random.nextInt(400));
                    order.setString(3, start.plusDays(random.nextInt(700)).toString());
                    order.setString(4, PRODUCTS[product]);
                    order.setInt(5, 1 + random.nextInt(3));
                    order.setInt(6, PRICES_CENTS[product]);
                    order.setString(7, STATUSES[random.nextInt(STATUSES.length)]);
                    order.addBatch();
                }
                order.executeBatch();
            }
            connection.commit();
        }
    }
}
