package io.agent4j.examples.travel;

import io.agent4j.tool.Param;
import io.agent4j.tool.Tool;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** A small offline dataset of cities (bundled as {@code cities.csv}): facts and great-circle distances. */
public final class CityTools {

    private static final double EARTH_RADIUS_KM = 6371.0088;

    /**
     * One city.
     *
     * @param name the city's name
     * @param country its country
     * @param timeZone its IANA time zone, e.g. Asia/Seoul
     * @param latitude degrees north
     * @param longitude degrees east
     * @param population inhabitants of the city proper
     */
    public record City(String name, String country, String timeZone, double latitude, double longitude,
            long population) {
    }

    /** A distance between two cities. */
    public record Distance(String from, String to, long kilometres, long miles) {
    }

    private final List<City> cities;

    /** Loads the bundled dataset. */
    public CityTools() {
        this.cities = load();
    }

    private static List<City> load() {
        try (InputStream in = CityTools.class.getResourceAsStream("cities.csv")) {
            if (in == null) {
                throw new IllegalStateException("the bundled cities.csv is missing");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<City> cities = new ArrayList<>();
            reader.readLine();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String[] f = line.split(",");
                cities.add(new City(f[0], f[1], f[2], Double.parseDouble(f[3]), Double.parseDouble(f[4]),
                        Long.parseLong(f[5])));
            }
            return List.copyOf(cities);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Looks up one city. */
    @Tool(value = "Facts about a city from an offline dataset: country, IANA time zone, coordinates, population.",
            name = "city_info")
    public City city(@Param("The city's name, e.g. Seoul") String name) {
        String wanted = name.strip().toLowerCase(Locale.ROOT);
        return cities.stream().filter(c -> c.name().toLowerCase(Locale.ROOT).equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("'" + name + "' is not in the dataset; the cities "
                        + "are " + cities.stream().map(City::name).collect(Collectors.joining(", ")) + "."));
    }

    /** The great-circle distance between two cities. */
    @Tool(value = "The great-circle distance between two cities of the dataset, in kilometres and miles.",
            name = "city_distance")
    public Distance distance(@Param("The first city, e.g. Seoul") String from, @Param("The second city") String to) {
        City a = city(from);
        City b = city(to);
        double dLat = Math.toRadians(b.latitude() - a.latitude());
        double dLon = Math.toRadians(b.longitude() - a.longitude());
        double h = Math.pow(Math.sin(dLat / 2), 2) + Math.cos(Math.toRadians(a.latitude()))
                * Math.cos(Math.toRadians(b.latitude())) * Math.pow(Math.sin(dLon / 2), 2);
        double km = 2 * EARTH_RADIUS_KM * Math.asin(Math.sqrt(h));
        return new Distance(a.name(), b.name(), Math.round(km), Math.round(km / 1.609344));
    }
}
