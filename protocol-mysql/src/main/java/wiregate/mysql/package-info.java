/** The MySQL client/server protocol (v10): codec, authentication, and one handler per command. */
package wiregate.mysql;
