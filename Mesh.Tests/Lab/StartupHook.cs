#pragma warning disable CA1050 // The runtime finds a startup hook only as a type named StartupHook outside any namespace.

/// <summary>
/// Lets the test assembly act as a small program inside a lab namespace: run as
/// <c>DOTNET_STARTUP_HOOKS=Mesh.Tests.dll MESH_LAB_ROLE=... dotnet Mesh.Tests.dll</c>, the runtime calls
/// <see cref="Initialize"/> before the (empty, generated) test entry point, and the role runs and exits there.
/// Without MESH_LAB_ROLE it does nothing, so loading the assembly normally is unaffected.
/// </summary>
internal static class StartupHook
{
    /// <summary>Called by the runtime before Main.</summary>
    public static void Initialize()
    {
        var role = Environment.GetEnvironmentVariable(Mesh.Tests.Lab.LabPeerProgram.RoleVariable);
        if (!string.IsNullOrEmpty(role))
        {
            Environment.Exit(Mesh.Tests.Lab.LabPeerProgram.Run(role));
        }
    }
}
