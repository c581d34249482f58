namespace Mesh.Cli.Top;

/// <summary>How a piece of a screen line is drawn when color is on; without color every style is plain text.</summary>
public enum TextStyle
{
    /// <summary>Plain text.</summary>
    Plain,

    /// <summary>Bold (the self row).</summary>
    Bold,

    /// <summary>Reverse video (column headings, the selected row).</summary>
    Inverse,

    /// <summary>Dim (the owner's part of a bar, hints).</summary>
    Dim,

    /// <summary>Red (errors).</summary>
    Red,

    /// <summary>Green (free surplus).</summary>
    Green,

    /// <summary>Yellow (in use by mesh tasks).</summary>
    Yellow,

    /// <summary>Cyan (labels).</summary>
    Cyan,
}
