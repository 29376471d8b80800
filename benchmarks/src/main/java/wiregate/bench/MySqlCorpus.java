package wiregate.bench;

import java.util.List;

/**
 * Twenty MySQL statements of the kinds an application and its driver send: SELECTs with joins,
 * {@code LIMIT a, b}, backticks and MySQL functions; INSERT ... ON DUPLICATE KEY UPDATE and INSERT
 * IGNORE; UPDATE and DELETE (with ORDER BY / LIMIT); SHOW and SET; transaction control; and DDL.
 */
final class MySqlCorpus {
  /** Statements that change the catalog: translating one empties the translation cache, by design. */
  static final List<String> DDL = List.of(
      "CREATE TABLE IF NOT EXISTS `events` (`id` BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,"
          + " `kind` VARCHAR(32) NOT NULL, `at` DATETIME(6) DEFAULT CURRENT_TIMESTAMP(6), KEY `idx_kind` (`kind`))"
          + " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4",
      "ALTER TABLE `events` ADD COLUMN `note` TEXT NULL AFTER `kind`");

  /** The other eighteen. */
  static final List<String> NON_DDL = List.of(
      "SELECT `o`.`id`, `c`.`name`, o.total FROM `orders` o JOIN `customers` c ON c.id = o.customer_id"
          + " WHERE o.status = 'open' ORDER BY o.created_at DESC LIMIT 20, 10",
      "SELECT id, name, email FROM users WHERE email = 'alice@example.com' LIMIT 1",
      "SELECT COUNT(*), IFNULL(SUM(total), 0) FROM orders WHERE customer_id = 42",
      "SELECT CONCAT(first_name, ' ', last_name) AS full_name, DATE_FORMAT(created_at, '%Y-%m-%d')"
          + " FROM customers WHERE id IN (1, 2, 3)",
      "SELECT p.sku, p.price * 1.2 AS gross FROM products p LEFT JOIN stock s ON s.sku = p.sku"
          + " WHERE s.qty > 0 AND p.name LIKE 'chair%' LIMIT 50",
      "SELECT DATE_ADD(NOW(), INTERVAL 1 DAY), UNIX_TIMESTAMP(), IF(1 > 0, 'yes', 'no')",
      "INSERT INTO orders (customer_id, code, total, status) VALUES (42, 'A-1001', 99.50, 'open')"
          + " ON DUPLICATE KEY UPDATE total = VALUES(total), status = 'open'",
      "INSERT INTO audit_log (event, payload) VALUES ('login', '{\"ip\": \"10.0.0.1\"}')",
      "INSERT IGNORE INTO tags (id, code) VALUES (1, 'red'), (2, 'green'), (3, 'blue')",
      "UPDATE orders SET status = 'shipped', total = total + 5 WHERE id = 1001",
      "UPDATE `products` SET `price` = `price` * 0.9 WHERE category = 'sale' ORDER BY id LIMIT 100",
      "DELETE FROM sessions WHERE expires_at < NOW()",
      "DELETE FROM cart_items WHERE cart_id = 7 ORDER BY id LIMIT 1",
      "SHOW TABLES",
      "SHOW VARIABLES LIKE 'sql_mode'",
      "SET NAMES utf8mb4",
      "SET autocommit = 1",
      "START TRANSACTION");

  static final List<String> ALL = concat();

  private MySqlCorpus() {}

  private static List<String> concat() {
    List<String> all = new java.util.ArrayList<>(NON_DDL);
    all.addAll(DDL);
    return List.copyOf(all);
  }
}
