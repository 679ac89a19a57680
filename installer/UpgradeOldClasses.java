import java.io.IOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassFileVersion;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.ClassModel;
import java.lang.classfile.ClassTransform;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Rewrites the classes of a jar that are older than Java 6's class file format (picocli's are Java 5's)
 * into Java 8's, with the stack maps the newer format requires computed by the JDK's class file API
 * (JDK 24+). A Java 25 ahead-of-time cache leaves such old classes out (they are linked by the old
 * verifier at run time): every command loaded and verified picocli's 175 classes from the jar, 60-70 ms
 * of the main thread's CPU before its first tool (decision 012). The bytecode itself is unchanged.
 * Run by make-aot.sh with the packaging JDK on the app-image's copies, never on Maven's.
 *     java UpgradeOldClasses.java JAR...
 */
public class UpgradeOldClasses {
    static final int JAVA_6 = 50;
    static final int JAVA_8 = 52;

    public static void main(String[] args) throws IOException {
        for (String name : args) {
            upgrade(Path.of(name));
        }
    }

    static void upgrade(Path jar) throws IOException {
        Path out = jar.resolveSibling(jar.getFileName() + ".upgrading");
        int upgraded = 0;
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            ClassFile classes = ClassFile.of(ClassFile.StackMapsOption.GENERATE_STACK_MAPS,
                    ClassFile.ClassHierarchyResolverOption.of(ClassHierarchyResolver.defaultResolver()
                            .orElse(ClassHierarchyResolver.ofResourceParsing(loader))));
            ClassTransform version = (builder, element) -> {
                if (element instanceof ClassFileVersion) {
                    builder.withVersion(JAVA_8, 0);
                } else {
                    builder.with(element);
                }
            };
            // every method's code built anew (not copied), so that its stack maps are computed
            ClassTransform transform = version.andThen(ClassTransform.transformingMethodBodies((code, e) -> code.with(e)));
            try (ZipInputStream in = new ZipInputStream(Files.newInputStream(jar));
                 ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(out))) {
                for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                    byte[] bytes = in.readAllBytes();
                    if (e.getName().endsWith(".class") && !e.getName().startsWith("META-INF/")
                            && !e.getName().endsWith("module-info.class")) {
                        ClassModel model = classes.parse(bytes);
                        if (model.majorVersion() < JAVA_6) {
                            bytes = classes.transformClass(model, transform);
                            upgraded++;
                        }
                    }
                    ZipEntry copy = new ZipEntry(e.getName());
                    copy.setTime(e.getTime());
                    zip.putNextEntry(copy);
                    zip.write(bytes);
                    zip.closeEntry();
                }
            }
        }
        if (upgraded == 0) {
            Files.delete(out);
            return;
        }
        FileTime modified = Files.getLastModifiedTime(jar);
        Files.move(out, jar, StandardCopyOption.REPLACE_EXISTING);
        Files.setLastModifiedTime(jar, modified);
        System.err.println("UpgradeOldClasses: " + upgraded + " classes of " + jar.getFileName() + " in Java 8's format");
    }
}
