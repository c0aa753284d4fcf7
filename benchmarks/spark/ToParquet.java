import org.apache.spark.sql.SparkSession;

/**
 * Writes a CSV file (header row, every column as text) as Parquet in 8 files, for the Spark timings in
 * benchmarks/README.md. Run with the JDK's source launcher on Spark's class path:
 * {@code java --add-opens=... -cp "$SPARK_CP" benchmarks/spark/ToParquet.java in.csv out.parquet}.
 */
public final class ToParquet {
    public static void main(String[] args) {
        SparkSession s = SparkSession.builder().master("local[2]").appName("to-parquet")
                .config("spark.ui.enabled", "false").getOrCreate();
        s.read().option("header", "true").option("escape", "\"").csv(args[0]).repartition(8).write()
                .parquet(args[1]);
        s.stop();
    }
}
