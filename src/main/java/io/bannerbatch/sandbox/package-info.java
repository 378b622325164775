/**
 * The sandbox: an offline emulator of the part of the Abyssale REST API bannerbatch uses, in either its documented or its current style.
 */
package io.bannerbatch.sandbox;
