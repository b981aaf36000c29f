package io.parley.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The uncertain levers of a Sobol or Morris run in named groups, each group moved and reported as one
 * factor (SALib's {@code groups}): a group's Sobol index is the share of the variance its levers
 * explain together, its Morris effect the metric's change when all its levers step at once. Without
 * groups every lever is a group of its own, named by its path.
 *
 * @param names   each group's name, in order of first appearance
 * @param members each group's levers, as indices into the run's lever list, in request order
 * @param grouped whether the request named groups (answers then name groups, not levers)
 */
public record Groups(List<String> names, int[][] members, boolean grouped) {

    public Groups {
        names = List.copyOf(names);
        if (names.size() != members.length) {
            throw new IllegalArgumentException(names.size() + " group names for " + members.length + " groups");
        }
        for (int[] m : members) {
            if (m.length == 0) throw new IllegalArgumentException("a group has no lever");
        }
    }

    /** Every lever alone, named by its path. */
    public static Groups each(List<MonteCarlo.Uncertain> levers) {
        int[][] members = new int[levers.size()][];
        for (int j = 0; j < members.length; j++) members[j] = new int[] {j};
        return new Groups(levers.stream().map(u -> u.lever().path()).toList(), members, false);
    }

    /**
     * Groups by name: {@code groupOf.get(j)} names lever j's group, or is null for a lever alone, which
     * then forms a group named by its path. A name given to a group and also the path of a lever alone
     * would make two factors of one name, and is refused.
     */
    public static Groups of(List<MonteCarlo.Uncertain> levers, List<String> groupOf) {
        Map<String, List<Integer>> byName = new LinkedHashMap<>();
        for (int j = 0; j < levers.size(); j++) {
            String name = groupOf.get(j);
            boolean alone = name == null;
            String key = alone ? levers.get(j).lever().path() : name;
            List<Integer> list = byName.computeIfAbsent(key, x -> new ArrayList<>());
            if (alone && !list.isEmpty() || !alone && list.size() == 1 && groupOf.get(list.get(0)) == null) {
                throw new IllegalArgumentException("'" + key + "' names a group and a lever outside it; "
                        + "give the group another name");
            }
            list.add(j);
        }
        int[][] members = byName.values().stream().map(l -> l.stream().mapToInt(Integer::intValue).toArray())
                .toArray(int[][]::new);
        return new Groups(new ArrayList<>(byName.keySet()), members, true);
    }

    public int size() {
        return names.size();
    }

    /** The lever paths of group g. */
    public List<String> leverPaths(List<MonteCarlo.Uncertain> levers, int g) {
        List<String> paths = new ArrayList<>();
        for (int j : members[g]) paths.add(levers.get(j).lever().path());
        return paths;
    }
}
