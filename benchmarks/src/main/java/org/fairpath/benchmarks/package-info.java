/**
 * JMH benchmarks of fairpath's hot paths. Each class gives its run command in its Javadoc; a test beside it proves
 * every benchmarked method computes the library's answer. CI only compiles them and runs those tests.
 */
package org.fairpath.benchmarks;
