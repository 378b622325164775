/**
 * The Abyssale REST API client: its records, its exceptions, and the one rate limiter every call goes through.
 */
package io.bannerbatch.abyssale;
