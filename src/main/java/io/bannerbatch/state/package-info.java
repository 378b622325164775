/**
 * The state database (H2 in the state directory, or a shared PostgreSQL) and the run lock that lets exactly one
 * process run a run, across hosts.
 */
package io.bannerbatch.state;
