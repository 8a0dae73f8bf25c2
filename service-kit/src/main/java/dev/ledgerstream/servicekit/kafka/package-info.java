/** Kafka producing that more than one service needs: transactions that put several records on a topic whole or not at all. */
package dev.ledgerstream.servicekit.kafka;
