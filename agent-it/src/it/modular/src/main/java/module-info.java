/** The application as a module: agent4j's are read from the module path by their names. */
module com.example.modular {
    requires io.agent4j.core;
    requires io.agent4j.tools;
    // agent4j reads and calls the @Tool methods by reflection, and Jackson binds what they take and return
    opens com.example to io.agent4j.core, tools.jackson.databind;
}
