// clean: ANY-HARDCODED-PASSWORD
package cmd

const (
	BindFlag                     = "bind"
	InterpreterFlagsToPass       = "experimental-interpreter-flags"
	WorkerFlagsToPass            = "worker-flags"
)
