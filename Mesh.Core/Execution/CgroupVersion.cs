namespace Mesh.Core.Execution;

/// <summary>The two cgroup interfaces of Linux.</summary>
internal enum CgroupVersion
{
    V1 = 1,
    V2 = 2,
}
