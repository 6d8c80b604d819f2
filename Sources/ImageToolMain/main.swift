// The `imagetool` executable: everything else is the ImageTool library (arguments and
// rendering), so tests run the same commands in-process.
import ImageTool

ImageTool.main()
