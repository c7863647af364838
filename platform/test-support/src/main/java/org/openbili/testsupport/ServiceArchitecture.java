package org.openbili.testsupport;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.openbili.common.config.Roster;

/**
 * The architecture rules every service keeps: it reaches other services only through their {@code -api}
 * packages (never their internals), and its feature packages do not depend on each other in circles.
 */
public final class ServiceArchitecture {

    private static final List<String> SERVICES =
            Roster.names(Roster.Kind.APPLICATION, Roster.Kind.GATEWAY, Roster.Kind.REGISTRY);

    private ServiceArchitecture() {}

    public static void verify(String service) {
        String root = "org.openbili." + service;
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(root);
        String[] otherInternals = SERVICES.stream()
                .filter(other -> !other.equals(service))
                .map(other -> "org.openbili." + other + "..")
                .toArray(String[]::new);
        noClasses()
                .that()
                .resideInAPackage(root + "..")
                .should()
                .dependOnClassesThat(com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage(
                                otherInternals)
                        .and(com.tngtech.archunit.base.DescribedPredicate.not(
                                com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage("..api.."))))
                .because("services talk to each other only through their -api modules")
                .check(classes);
        slices().matching(root + ".(*)..")
                .should()
                .beFreeOfCycles()
                .because("features are packages that can be read, changed and removed one at a time")
                .check(classes);
    }
}
